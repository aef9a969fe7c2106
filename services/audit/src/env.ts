/** The bindings of the audit Worker. */
export interface Env {
  /** One object per event under `audit/<workspaceId>/`, plus a head hint per workspace. */
  AUDIT_BUCKET: R2Bucket;
}

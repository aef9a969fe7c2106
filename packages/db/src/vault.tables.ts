export interface CredentialsTable {
  workspace_id: string;
  connection_id: string;
  provider: string;
  envelope: Uint8Array;
  kek_version: number;
  created_at: string;
  rotated_at: string | null;
}

/** The tables of D1 `stax-vault`. */
export interface VaultDatabase {
  credentials: CredentialsTable;
}

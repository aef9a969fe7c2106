import type { Actor } from '@stax/contracts';
import type { Role } from '@stax/db';

/** Who is calling, established only from a verified session or API token. */
export interface Principal {
  workspaceId: string;
  role: Role;
  actor: Actor;
  /** The signed-in user, when the caller is one (not an API token). */
  userId: string | null;
  sessionHash: string | null;
}

const ROLE_RANK: Record<Role, number> = { viewer: 0, admin: 1, owner: 2 };

/** Whether a principal's role is at least the one required. */
export function hasRole(principal: Principal, required: Role): boolean {
  return ROLE_RANK[principal.role] >= ROLE_RANK[required];
}

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Me } from '../api/schemas';

/** Who is signed in and in which workspace; every page under the shell has it. */
export const WorkspaceContext = createContext<Me | null>(null);

/** The signed-in caller. Only pages rendered inside the signed-in shell call this. */
export function useMe(): Me {
  const me = useContext(WorkspaceContext);
  if (!me) throw new Error('useMe outside the signed-in shell');
  return me;
}

/** Whether the caller may change things (connect, sync, create budgets): admins and owners. */
export function canManage(me: Me): boolean {
  return me.role === 'owner' || me.role === 'admin';
}

import type { TRole } from '../../api/schemas.js';

export type TPage = 'agent' | 'supervisor' | 'department' | 'admin';

/** Which roles may open which page. The server enforces the same rules on every request. */
export const PAGE_ROLES: Record<TPage, readonly TRole[]> = {
  agent: ['agent', 'supervisor', 'admin'],
  supervisor: ['supervisor', 'admin'],
  department: ['officer', 'supervisor', 'admin'],
  admin: ['admin'],
};

const HOME: Record<TRole, TPage> = { agent: 'agent', supervisor: 'supervisor', officer: 'department', admin: 'admin' };

export function homePath(role: TRole): string {
  return `/${HOME[role]}`;
}

export function pagesFor(role: TRole): TPage[] {
  return (Object.keys(PAGE_ROLES) as TPage[]).filter((page) => PAGE_ROLES[page].includes(role));
}

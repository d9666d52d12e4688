import { AppError } from '../errors.js';
import type { Principal } from './principal.js';
import { can, type Permission } from './roles.js';

/**
 * Every service entry point starts here. Returns the principal narrowed to "allowed", or throws
 * 401 (no session) / 403 (role lacks the permission).
 */
export function requireAccess(principal: Principal | null | undefined, permission: Permission): Principal {
  if (!principal) throw new AppError(401, 'unauthenticated');
  if (!can(principal.role, permission)) throw new AppError(403, 'forbidden', undefined, { permission });
  return principal;
}

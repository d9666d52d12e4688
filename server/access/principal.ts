import type { Role } from './roles.js';

/** Who is calling: always from the authenticated session, never from the request body. */
export interface Principal {
  tenantId: string;
  accountId: string;
  role: Role;
  hubId: string | null;
  partnerId: string | null;
  displayName: string;
  locale: string;
  /** Set when the caller is an enrolled phone (bearer device token) rather than a login. */
  deviceId?: string;
}

/** Request metadata recorded with audit rows. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/** Sessions, passwords, staff accounts and the audit log (server: modules/accounts, access/authenticators). */
import type { Item, Json } from '../../api/types';
import { call, client } from '../../app/api';
import { useLoad } from '../../app/use-api';

/** The logged-in account: permissions, CSRF token, tenant. */
export type Me = Json<'/api/v1/auth/me'>;
export type Account = Item<Json<'/api/v1/accounts'>>;

/** The session probe: who is logged in (a 401 here is "not logged in", not "session ended"). */
export function getMe(): Promise<Me> {
  return call(client.GET('/api/v1/auth/me'), { quiet401: true });
}

/** Logs in; `tenant` (the municipality's slug) only when the server answered 409 tenant_required. */
export function login(email: string, password: string, tenant?: string): Promise<Me> {
  return call(client.POST('/api/v1/auth/login', { body: { email, password, ...(tenant ? { tenant } : {}) } }), { quiet401: true });
}

export async function logout(): Promise<void> {
  await call(client.POST('/api/v1/auth/logout'), { quiet401: true });
}

/** Changes the logged-in person's own password; their other sessions end. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await call(client.POST('/api/v1/auth/password', { body: { current_password: currentPassword, new_password: newPassword } }));
}

/** Staff accounts of the tenant; pass false to skip (roles that may not list accounts). */
export function useAccounts(enabled: boolean) {
  return useLoad(enabled ? ['/api/v1/accounts'] : null, (signal) => call(client.GET('/api/v1/accounts', { signal })));
}

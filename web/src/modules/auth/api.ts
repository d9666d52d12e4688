/** Sessions and staff accounts (server: modules/accounts, access/authenticators/session). */
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

export function login(email: string, password: string): Promise<Me> {
  return call(client.POST('/api/v1/auth/login', { body: { email, password } }), { quiet401: true });
}

export async function logout(): Promise<void> {
  await call(client.POST('/api/v1/auth/logout'), { quiet401: true });
}

/** Staff accounts of the tenant; pass false to skip (roles that may not list accounts). */
export function useAccounts(enabled: boolean) {
  return useLoad(enabled ? ['/api/v1/accounts'] : null, (signal) => call(client.GET('/api/v1/accounts', { signal })));
}

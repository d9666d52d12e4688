/** Administration: staff accounts, tenant settings and the audit log (server: modules/accounts, modules/tenants). */
import type { Body, Item, Json, Query } from '../../api/types';
import { call, client } from '../../app/api';
import { useLoad } from '../../app/use-api';

export type Account = Item<Json<'/api/v1/accounts'>>;
export type NewAccount = Body<'/api/v1/accounts', 'post'>;
export type AccountChange = Body<'/api/v1/accounts/{id}', 'patch'>;
export type CreatedAccount = Json<'/api/v1/accounts', 'post'>;
export type PasswordReset = Json<'/api/v1/accounts/{id}/reset-password', 'post'>;
export type Settings = Json<'/api/v1/settings'>;
export type SettingsChange = Body<'/api/v1/settings', 'patch'>;
export type Category = Settings['categories'][number];
export type AuditEntry = Item<Json<'/api/v1/audit'>>;
export type AuditFilter = Query<'/api/v1/audit'>;
export type Hub = Item<Json<'/api/v1/hubs'>>;

export function useAccountList() {
  return useLoad(['/api/v1/accounts'], (signal) => call(client.GET('/api/v1/accounts', { signal })));
}

export function useHubs() {
  return useLoad(['/api/v1/hubs'], (signal) => call(client.GET('/api/v1/hubs', { signal })));
}

/** Creates an account; without a password the answer carries a one-time password, shown once. */
export function createAccount(body: NewAccount): Promise<CreatedAccount> {
  return call(client.POST('/api/v1/accounts', { body }));
}

export function changeAccount(id: string, body: AccountChange): Promise<Account> {
  return call(client.PATCH('/api/v1/accounts/{id}', { params: { path: { id } }, body }));
}

export function resetPassword(id: string): Promise<PasswordReset> {
  return call(client.POST('/api/v1/accounts/{id}/reset-password', { params: { path: { id } } }));
}

export function useTenantSettings() {
  return useLoad(['/api/v1/settings'], (signal) => call(client.GET('/api/v1/settings', { signal })));
}

export function saveSettings(body: SettingsChange): Promise<Settings> {
  return call(client.PATCH('/api/v1/settings', { body }));
}

/** The tenant's audit log, newest first, filtered. */
export function useAuditLog(filter: AuditFilter) {
  return useLoad(['/api/v1/audit', filter], (signal) => call(client.GET('/api/v1/audit', { params: { query: filter }, signal })));
}

/** Where the filtered audit log downloads from (export links). */
export const AUDIT_EXPORT_PATH = '/api/v1/audit/export';

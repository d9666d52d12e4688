/**
 * The device's own storage (IndexedDB via `idb`): the enrollment, cached tenant data for
 * offline use, and the outbox of reports waiting to be sent. Shared by the page and the
 * service worker (Background Sync), so it touches no DOM.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

export interface Enrollment {
  token: string;
  device_id: string;
  kind: 'partner' | 'supporter';
  partner_name?: string | null;
  display_name: string;
  tenant_slug: string;
}

export interface ConcernBody {
  category: string;
  description?: string;
  observed_at?: string;
  place_text?: string;
  latitude?: number;
  longitude?: number;
}

export type OutboxState = 'waiting' | 'sending' | 'sent' | 'failed';

export interface OutboxItem {
  id: string;
  /** Made when the report is created, reused on every retry: the server keeps one concern per key. */
  idempotency_key: string;
  body: ConcernBody;
  photo: Blob | null;
  photo_type: string | null;
  photo_key: string | null;
  photo_done: boolean;
  photo_error: string | null;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  created_at: number;
  sent_at: number | null;
  concern_id: string | null;
  reference: string | null;
  error_code: string | null;
  error_message: string | null;
}

interface FieldDB extends DBSchema {
  kv: { key: string; value: unknown };
  outbox: { key: string; value: OutboxItem; indexes: { by_created: number } };
}

let dbp: Promise<IDBPDatabase<FieldDB>> | null = null;

export function db(): Promise<IDBPDatabase<FieldDB>> {
  dbp ??= openDB<FieldDB>('tsunagari-field', 1, {
    upgrade(d) {
      d.createObjectStore('kv');
      d.createObjectStore('outbox', { keyPath: 'id' }).createIndex('by_created', 'created_at');
    },
  });
  return dbp;
}

export async function getKv<T>(key: string): Promise<T | undefined> {
  return (await (await db()).get('kv', key)) as T | undefined;
}
export async function setKv(key: string, value: unknown): Promise<void> {
  await (await db()).put('kv', value, key);
}
export async function delKv(key: string): Promise<void> {
  await (await db()).delete('kv', key);
}

export const getEnrollment = () => getKv<Enrollment>('enrollment');

export async function listOutbox(): Promise<OutboxItem[]> {
  return (await db()).getAllFromIndex('outbox', 'by_created');
}
export async function putOutbox(item: OutboxItem): Promise<void> {
  await (await db()).put('outbox', item);
}
export async function getOutbox(id: string): Promise<OutboxItem | undefined> {
  return (await db()).get('outbox', id);
}
export async function deleteOutbox(id: string): Promise<void> {
  await (await db()).delete('outbox', id);
}

/** A v4 UUID; crypto.randomUUID only exists in secure contexts. */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

import type { ColumnType } from 'kysely';
import type { Urgency } from '../../schema-helpers.js';

export type ConcernStatus = 'received' | 'triaged' | 'merged' | 'dismissed';
export type ReporterKind = 'staff' | 'partner' | 'supporter' | 'resident';
export type Channel = 'web' | 'phone' | 'counter' | 'field' | 'open311' | 'email' | 'other';

export interface ConcernsTable {
  tenant_id: string;
  id: string;
  received_at: Date;
  observed_at: Date;
  category: string;
  description: string;
  place_text: string;
  latitude: number | null;
  longitude: number | null;
  area_id: string | null;
  outside_area: boolean;
  channel: Channel;
  reporter_kind: ReporterKind;
  reporter_account_id: string | null;
  reporter_partner_id: string | null;
  anonymous: boolean;
  callback_contact: string | null;
  priority: number;
  status: ConcernStatus;
  triaged_at: Date | null;
  triaged_by: string | null;
  urgency: Urgency | null;
  case_id: string | null;
  person_id: string | null;
  duplicate_of: string | null;
  dismiss_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** Generated from latitude/longitude; never written. */
  geo_cell: ColumnType<number | null, never, never>;
  /** The enrolled phone that filed it (partners' and supporters' field app). */
  reporter_device_id: ColumnType<string | null, string | null | undefined, string | null>;
  open311_service_request: ColumnType<boolean, boolean | undefined, boolean>;
  /** The hub's thank-you to the reporter, shown in "my reports". */
  thanks_message: ColumnType<string | null, string | null | undefined, string | null>;
  thanked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** When the reporter-visible (coarse) status last changed. */
  status_changed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** place_text folded for comparison (place-key.ts); '' when there is none. */
  place_key: ColumnType<string, string | undefined, string>;
}

export interface ConcernPhotosTable {
  tenant_id: string;
  id: string;
  concern_id: string;
  content_type: string;
  width: number;
  height: number;
  size: number;
  bytes: Buffer;
  created_at: Date;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  principal: string;
  key: string;
  request_hash: string;
  response: ColumnType<unknown, string, string>;
  created_at: Date;
}

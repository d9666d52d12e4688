import type { ColumnType } from 'kysely';

type Json<T> = ColumnType<T, T | string, T | string>;

export interface EmergencyContact {
  name: string;
  relation: string;
  phone: string;
}

export interface HouseholdsTable {
  tenant_id: string;
  id: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  area_id: string | null;
  note: string | null;
  created_at: Date;
}

export type CareServiceUse = 'unknown' | 'none' | 'applied' | 'certified' | 'using';

export interface PeopleTable {
  tenant_id: string;
  id: string;
  household_id: string | null;
  name: string | null;
  kana: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  area_id: string | null;
  birth_year: number | null;
  /** 'YYYY-MM-DD' (a date column read as text, so no time zone shifts it). */
  birth_date: ColumnType<string | null, string | null | undefined, string | null>;
  phone: ColumnType<string | null, string | null | undefined, string | null>;
  living_alone: boolean | null;
  care_service_use: CareServiceUse;
  emergency_contacts: Json<EmergencyContact[]>;
  note: string | null;
  supporter_account_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export type ConsentMethod = 'verbal' | 'written' | 'unknown';

export interface ConsentsTable {
  tenant_id: string;
  id: string;
  person_id: string;
  /** A label shown to people (legacy free text; new consents: the covered agencies and kinds). */
  shared_with: string;
  /** Free-text detail of what may be shared, beside scope_items. */
  scope: string;
  given_at: Date;
  withdrawn_at: Date | null;
  recorded_by: string;
  agency_ids: ColumnType<string[], string[] | undefined, string[]>;
  agency_kinds: ColumnType<string[], string[] | undefined, string[]>;
  scope_items: ColumnType<string[], string[] | undefined, string[]>;
  method: ColumnType<ConsentMethod, ConsentMethod | undefined, ConsentMethod>;
  expires_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  withdrawn_reason: ColumnType<string | null, string | null | undefined, string | null>;
  recorded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

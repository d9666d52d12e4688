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
  living_alone: boolean | null;
  care_service_use: CareServiceUse;
  emergency_contacts: Json<EmergencyContact[]>;
  note: string | null;
  supporter_account_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ConsentsTable {
  tenant_id: string;
  id: string;
  person_id: string;
  shared_with: string;
  scope: string;
  given_at: Date;
  withdrawn_at: Date | null;
  recorded_by: string;
}

import type { ColumnType } from 'kysely';
import type { TenantSettings } from './tenant-settings.js';

type Json<T> = ColumnType<T, T | string, T | string>;

export interface TenantsTable {
  id: string;
  slug: string;
  name: string;
  settings: Json<TenantSettings>;
  created_at: Date;
}

export interface TenantCountersTable {
  tenant_id: string;
  name: string;
  value: number;
}

export interface AreasTable {
  tenant_id: string;
  id: string;
  code: string;
  name: string;
  population: number | null;
  households: number | null;
  geometry: Json<unknown>;
  bbox: number[];
}

export interface HubsTable {
  tenant_id: string;
  id: string;
  name: string;
  phone: string | null;
}

export interface HubAreasTable {
  tenant_id: string;
  hub_id: string;
  area_id: string;
}

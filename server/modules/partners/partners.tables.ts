import type { ColumnType } from 'kysely';

type Defaulted<T> = ColumnType<T, T | undefined, T>;

export const PARTNER_KINDS = ['newspaper', 'utility', 'delivery', 'finance', 'retail', 'care', 'cooperative', 'other'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
export const PARTNER_STATUSES = ['active', 'suspended', 'ended'] as const;
export const AGREEMENT_STATUSES = ['draft', 'active', 'suspended', 'ended'] as const;

export interface PartnersTable {
  tenant_id: string;
  id: string;
  name: string;
  kind: string;
  created_at: Date;
  contact_name: Defaulted<string | null>;
  contact_phone: Defaulted<string | null>;
  contact_email: Defaulted<string | null>;
  address: Defaulted<string | null>;
  status: Defaulted<'active' | 'suspended' | 'ended'>;
  note: Defaulted<string | null>;
  updated_at: Defaulted<Date | null>;
}

export interface PartnerAgreementsTable {
  tenant_id: string;
  id: string;
  partner_id: string;
  signed_on: ColumnType<Date, string | Date, string | Date>;
  scope: string;
  contact_person: string | null;
  status: 'draft' | 'active' | 'suspended' | 'ended';
  renewal_due: ColumnType<Date | null, string | Date | null, string | Date | null>;
  sticker_code: string;
  /** Per-tenant agreement number printed on the certificate (第N号); migration 0003. */
  number: number;
  created_at: Date;
  updated_at: Date;
}

export interface EnrollmentCodesTable {
  code_hash: string;
  tenant_id: string;
  id: string;
  kind: 'partner' | 'supporter';
  partner_id: string | null;
  account_id: string | null;
  agreement_id: string | null;
  label: string | null;
  created_by: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  device_id: string | null;
}

export interface DeviceTokensTable {
  tenant_id: string;
  id: string;
  token_hash: string;
  kind: 'partner' | 'supporter';
  partner_id: string | null;
  account_id: string | null;
  label: string | null;
  user_agent: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
}

export interface ApiKeysTable {
  tenant_id: string;
  id: string;
  partner_id: string | null;
  key_hash: string;
  label: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

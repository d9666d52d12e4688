import type { ColumnType } from 'kysely';

export type ReferralStatus = 'sent' | 'accepted' | 'declined' | 'completed';
export type LegalBasis = 'consent' | 'vital_interest';

export interface ReferralsTable {
  tenant_id: string;
  id: string;
  case_id: string;
  agency_id: string;
  reason: string;
  status: ReferralStatus;
  legal_basis: LegalBasis;
  consent_id: string | null;
  /** Why consent could not be obtained, when the basis is protection of life. */
  legal_basis_reason: ColumnType<string | null, string | null | undefined, string | null>;
  outcome: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export interface AgenciesTable {
  tenant_id: string;
  id: string;
  name: string;
  kind: string;
  phone: string | null;
}

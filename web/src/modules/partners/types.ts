export const PARTNER_KINDS = ['newspaper', 'utility', 'delivery', 'finance', 'retail', 'care', 'cooperative', 'other'] as const;
export const PARTNER_STATUSES = ['active', 'suspended', 'ended'] as const;
export const AGREEMENT_STATUSES = ['draft', 'active', 'suspended', 'ended'] as const;

export interface PartnerSummary {
  id: string;
  name: string;
  kind: string;
  status: string;
  contact_name: string | null;
  reports: number;
  useful_reports: number;
  active_devices: number;
  agreement_status: string | null;
  renewal_due: string | null;
}
export interface Partner extends Omit<PartnerSummary, 'agreement_status' | 'renewal_due'> {
  contact_phone: string | null;
  contact_email: string | null;
  address: string | null;
  note: string | null;
  created_at: string;
  updated_at: string | null;
  reports_last_365_days: number;
  useful_reports_last_365_days: number;
}
export interface Agreement {
  id: string;
  partner_id: string;
  partner_name: string;
  number: number;
  signed_on: string;
  scope: string;
  contact_person: string | null;
  status: string;
  renewal_due: string | null;
  renewal_due_soon: boolean;
  sticker_code: string;
  sticker_url: string;
}
export interface OneTimeCode {
  id: string;
  code: string;
  url: string;
  qr_svg: string;
  expires_at: string;
  label: string | null;
}
export interface Device {
  id: string;
  kind: 'partner' | 'supporter';
  partner_name: string | null;
  account_name: string | null;
  label: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}
export interface ApiKey {
  id: string;
  label: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}
export interface StatCells {
  reports: number;
  useful_reports: number;
  previous_reports: number;
  previous_useful_reports: number;
  reports_change: number | null;
  useful_reports_change: number | null;
}
export interface ReportStats {
  from: string;
  to: string;
  target_change: number;
  totals: StatCells;
  items: (StatCells & { partner_id: string; name: string })[];
}

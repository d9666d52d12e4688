export interface PartnersTable {
  tenant_id: string;
  id: string;
  name: string;
  kind: string;
  created_at: Date;
}

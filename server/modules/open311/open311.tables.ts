/** Updates Open311 clients (FixMyStreet) post from residents about a request they filed. */
export interface Open311UpdatesTable {
  tenant_id: string;
  id: string;
  concern_id: string;
  api_key_id: string;
  /** The client's own id of the update (FixMyStreet sends its comment id): a retry is answered, not stored twice. */
  client_update_id: string | null;
  status: string;
  description: string;
  client_updated_at: Date | null;
  received_at: Date;
}

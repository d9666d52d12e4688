import type { ColumnType } from 'kysely';
import type { Urgency } from '../../schema-helpers.js';

export type CaseStatus = 'open' | 'supporting' | 'closed';
export type ContactMethod = 'visit' | 'phone' | 'other';

export interface CasesTable {
  tenant_id: string;
  id: string;
  case_number: number;
  person_id: string | null;
  household_id: string | null;
  hub_id: string | null;
  assignee_id: string | null;
  status: CaseStatus;
  outcome: string | null;
  urgency: Urgency;
  received_at: Date;
  first_contact_due_at: Date;
  first_contact_at: Date | null;
  first_contact_id: string | null;
  escalated_at: Date | null;
  opened_at: Date;
  closed_at: Date | null;
  created_by: string;
  updated_at: Date;
}

export interface CaseContactsTable {
  tenant_id: string;
  id: string;
  case_id: string;
  method: ContactMethod;
  reached: boolean;
  settled: boolean;
  occurred_at: Date;
  recorded_at: Date;
  note: string;
  recorded_by: string;
}

export interface CaseNotesTable {
  tenant_id: string;
  id: string;
  case_id: string;
  body: string;
  created_by: string;
  created_at: Date;
}

export interface CaseEventsTable {
  tenant_id: string;
  id: string;
  case_id: string;
  kind: string;
  at: Date;
  actor_id: string | null;
  data: ColumnType<Record<string, unknown>, string, string>;
}

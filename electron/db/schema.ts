/** The database's tables as kysely sees them: the one place the schema's types are written. */
import type { Generated } from 'kysely';

export interface OrganisationsTable {
  id: Generated<number>;
  name: string;
  kind: string;
  parent_id: number | null;
  sort_order: Generated<number>;
  founded_on: string | null;
  founding_doc_no: string | null;
  contact_phone: string | null;
  elected_on: string | null;
  term_years: number | null;
  dissolved_on: string | null;
  note: string | null;
  /** 地址 / 办公地点 (007). */
  address: string | null;
  created_at: string;
  updated_at: string;
  /** Raised by one on every change of the record (007); the form sends the one it read. */
  version: Generated<number>;
}

export interface OrganisationUnitsTable {
  org_id: number;
  position: number;
  unit_name: string;
}

export interface OrganisationOfficersTable {
  id: Generated<number>;
  org_id: number;
  position: Generated<number>;
  member_id: number | null;
  person_name: string;
  role: string;
  since: string | null;
  until: string | null;
}

export interface MembersTable {
  id: Generated<number>;
  name: string;
  name_initials: string;
  name_pinyin: string;
  search_text: string;
  sex: string | null;
  ethnicity: string | null;
  id_number: string;
  id_status: string;
  id_override_reason: string | null;
  birth_date: string | null;
  education: string | null;
  membership_kind: string;
  branch_id: number | null;
  joined_on: string | null;
  confirmed_on: string | null;
  occupation: string | null;
  mobile: string | null;
  phone: string | null;
  address: string | null;
  standing: string;
  lost_contact: number;
  lost_contact_since: string | null;
  floating: number;
  floating_direction: string | null;
  floating_destination: string | null;
  tag_mask: number;
  specialties: string | null;
  note: string | null;
  left_on: string | null;
  left_reason: string | null;
  left_note: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface TagBitsTable {
  tag: string;
  bit: number;
}

export interface MemberTagsView {
  member_id: number;
  tag: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string | null;
  action: string;
  entity: string;
  entity_id: number;
  changes: string;
  note: string | null;
  batch_id: string | null;
}

export interface ImportBatchesTable {
  id: string;
  kind: string;
  file_name: string;
  file_sha256: string;
  sheet_name: string | null;
  header_row: number | null;
  at: string;
  actor: string | null;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: number;
  backup_file: string | null;
}

export interface ImportMappingsTable {
  signature: string;
  mapping: string;
  updated_at: string;
}

export interface MemberBranchHistoryTable {
  id: Generated<number>;
  member_id: number;
  org_id: number;
  from_date: string;
  to_date: string | null;
  reason: string | null;
  batch_id: string | null;
}

export interface TransfersTable {
  id: Generated<number>;
  direction: string;
  letter_no: string;
  year: number;
  seq: number | null;
  member_id: number | null;
  name: string;
  sex: string | null;
  age: number | null;
  ethnicity: string | null;
  membership_kind: string;
  id_number: string;
  from_org: string;
  to_org: string;
  dues_paid_until: string | null;
  valid_days: number | null;
  date: string;
  phone: string | null;
  note: string | null;
  sender_name: string | null;
  sender_address: string | null;
  sender_phone: string | null;
  status: string;
  confirmed_on: string | null;
  receipt_on: string | null;
  cancelled_on: string | null;
  cancel_reason: string | null;
  placed_on: string | null;
  placed_branch_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface FloatingCertificatesTable {
  id: Generated<number>;
  certificate_no: string;
  member_id: number;
  direction: string;
  branch_id: number | null;
  issue_date: string;
  reason: string;
  destination: string;
  date_out: string;
  date_back: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface FloatingCertificateReviewsTable {
  id: Generated<number>;
  certificate_id: number;
  year: number;
  date: string;
  result: string;
  reviewer: string | null;
  created_at: string;
}

/** 统计报表的历史 (014). */
export interface ProducedReturnsTable {
  id: Generated<number>;
  period: string;
  as_of: string;
  scope_org_id: number | null;
  scope_name: string;
  unit_name: string;
  leader: string | null;
  preparer: string | null;
  filled_on: string;
  /** JSON array of the sheets' names. */
  sheet_names: string;
  file_name: string;
  file_sha256: string;
  figures_sha256: string;
  /** JSON: the sheets (name and rows) as printed. */
  figures: string;
  file: Buffer;
  produced_at: string;
  actor: string | null;
  reproduced_from: number | null;
}

export interface DB {
  organisations: OrganisationsTable;
  organisation_units: OrganisationUnitsTable;
  organisation_officers: OrganisationOfficersTable;
  members: MembersTable;
  tag_bits: TagBitsTable;
  member_tags: MemberTagsView;
  audit_log: AuditLogTable;
  import_batches: ImportBatchesTable;
  import_mappings: ImportMappingsTable;
  member_branch_history: MemberBranchHistoryTable;
  transfers: TransfersTable;
  floating_certificates: FloatingCertificatesTable;
  floating_certificate_reviews: FloatingCertificateReviewsTable;
  produced_returns: ProducedReturnsTable;
}

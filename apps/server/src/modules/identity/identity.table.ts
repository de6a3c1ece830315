import type { ColumnType, Generated, Selectable } from 'kysely';
import type { IdType, IdentityProviderId, PersonKind } from '@onehall/contracts';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface DepartmentTable {
  id: Generated<string>;
  code: string;
  name: string;
  parent_id: string | null;
  head_person_id: string | null;
  phone: string | null;
  sort: Generated<number>;
  created_at: CreatedAt;
}

export interface ClassTable {
  id: Generated<string>;
  code: string;
  name: string;
  grade: string | null;
  department_id: string;
  counsellor_person_id: string | null;
}

export interface PersonTable {
  id: Generated<string>;
  name: string;
  kind: PersonKind;
  department_id: string | null;
  class_id: string | null;
  phone: string | null;
  id_number: string | null;
  /** The document `id_number` is the number of (居民身份证 unless said). */
  id_type: Generated<IdType>;
  /** HMAC-SHA-256 of the ID number under the installation's salt (hashIdNumber): finds a person at an import. */
  id_number_hash: string | null;
  email: string | null;
  /** Readings of the name for search (personNameReadings): full pinyin, then initials, each reading space-separated. */
  name_pinyin: Generated<string>;
  name_initials: Generated<string>;
  status: Generated<'active' | 'inactive'>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface AccountTable {
  id: Generated<string>;
  person_id: string;
  account_no: string;
  kind: PersonKind;
  status: Generated<'active' | 'disabled'>;
  password_hash: string | null;
  must_change_password: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  password_changed_at: Date | null;
  created_at: CreatedAt;
}

export interface RoleTable {
  code: string;
  name: string;
}

export interface PersonRoleTable {
  id: Generated<string>;
  person_id: string;
  role_code: string;
  department_id: string | null;
}

export interface SessionTable {
  id: string;
  account_id: string;
  person_id: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Date | null;
  /** The provider that proved who opened the session ('local' for the hall's own password). */
  provider_id: Generated<IdentityProviderId>;
  /** SHA-256 of the CAS service ticket the session was opened with (single logout names it). */
  cas_ticket_hash: string | null;
}

export interface IdentityProviderTable {
  id: IdentityProviderId;
  enabled: boolean;
  display_name: string;
  settings: ColumnType<Record<string, unknown>, string, string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_by: string | null;
}

/** A person's identity at an outside provider: found by (provider, subject). */
export interface ExternalIdentityTable {
  id: Generated<string>;
  provider_id: IdentityProviderId;
  subject: string;
  person_id: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  last_login_at: Date | null;
}

/** A login gone to an outside provider (OIDC, WeCom), waiting for its return; single use. */
export interface LoginStateTable {
  id: string;
  provider_id: IdentityProviderId;
  browser_hash: string;
  code_verifier: string | null;
  nonce: string | null;
  next: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  expires_at: Date;
  used_at: Date | null;
}

/** Secrets made once per installation (e.g. the ID number salt); never answered or logged. */
export interface InstallSecretTable {
  name: string;
  value: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface IdentityTables {
  department: DepartmentTable;
  class: ClassTable;
  person: PersonTable;
  account: AccountTable;
  role: RoleTable;
  person_role: PersonRoleTable;
  session: SessionTable;
  identity_provider: IdentityProviderTable;
  external_identity: ExternalIdentityTable;
  login_state: LoginStateTable;
  install_secret: InstallSecretTable;
}

export type PersonRow = Selectable<PersonTable>;
export type AccountRow = Selectable<AccountTable>;
export type IdentityProviderRow = Selectable<IdentityProviderTable>;
export type SessionRow = Selectable<SessionTable>;

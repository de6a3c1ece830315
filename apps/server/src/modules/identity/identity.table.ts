import type { ColumnType, Generated, Selectable } from 'kysely';
import type { PersonKind } from '@onehall/contracts';

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
  email: string | null;
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
}

export interface IdentityTables {
  department: DepartmentTable;
  class: ClassTable;
  person: PersonTable;
  account: AccountTable;
  role: RoleTable;
  person_role: PersonRoleTable;
  session: SessionTable;
}

export type PersonRow = Selectable<PersonTable>;
export type AccountRow = Selectable<AccountTable>;
export type SessionRow = Selectable<SessionTable>;

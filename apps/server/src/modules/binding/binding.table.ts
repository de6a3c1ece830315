import type { ColumnType, Generated, Selectable } from 'kysely';

export interface BindingTable {
  id: Generated<string>;
  person_id: string;
  /** The verified mobile number, as typed (masked in every answer). */
  phone: string;
  /** The WeCom member id, when bound inside WeCom. */
  wecom_userid: string | null;
  bound_at: ColumnType<Date, Date | string | undefined, never>;
  unbound_at: Date | null;
}

/** A WeCom member back from WeCom's login, not bound yet, waiting for the registration in the same browser. */
export interface WecomPendingTable {
  id: string;
  wecom_userid: string;
  mobile: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  expires_at: Date;
  used_at: Date | null;
}

export interface BindingTables {
  binding: BindingTable;
  wecom_pending: WecomPendingTable;
}

export type BindingRow = Selectable<BindingTable>;

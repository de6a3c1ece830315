import { sql, type Kysely } from 'kysely';

/**
 * The audit log: who did what, when, from where, with what outcome — logins
 * and failed logins, logouts, password changes, bindings, codes sent and
 * checked, administrators' changes. Append-only: the database refuses to
 * update, delete or truncate it. Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_person_id', 'uuid')
    // What the actor typed or was known by (an account number at a failed login), for entries without a person.
    .addColumn('actor_label', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('detail', 'jsonb')
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').columns(['at desc', 'id desc']).execute();
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_person_id', 'at desc', 'id desc']).execute();
  await sql`
    create function audit_log_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only' using errcode = '42501';
    end $$`.execute(db);
  await sql`create trigger audit_log_no_update before update or delete on audit_log for each row execute function audit_log_is_append_only()`.execute(db);
  await sql`create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_is_append_only()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The audit log is never dropped by a migration; restore a backup instead.');
}

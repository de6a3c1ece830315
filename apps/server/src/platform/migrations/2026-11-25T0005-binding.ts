import { sql, type Kysely } from 'kysely';

/**
 * Bindings (注册/绑定): a person's verified phone and, inside WeCom, their
 * WeCom member id. At most one live binding per person and per WeCom member;
 * unbinding keeps the row (with unbound_at) for the record. Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('binding')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('wecom_userid', 'text')
    .addColumn('bound_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('unbound_at', 'timestamptz')
    .execute();
  await sql`create unique index binding_live_person on binding (person_id) where unbound_at is null`.execute(db);
  await sql`create unique index binding_live_wecom on binding (wecom_userid) where unbound_at is null and wecom_userid is not null`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Bindings cannot be reverted; restore a backup instead.');
}

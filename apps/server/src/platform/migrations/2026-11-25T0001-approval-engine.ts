import { sql, type Kysely } from 'kysely';

/**
 * The full approval engine: tasks know their engine key, kind and whom they
 * serve; more task statuses; the action log (replayable, idempotent by a
 * client key); CC copies with read receipts; timeline details. Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table task drop constraint if exists task_status_check`.execute(db);
  await db.schema
    .alterTable('task')
    .addColumn('engine_key', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('approve'))
    .addColumn('for_key', 'text')
    .addColumn('last_urged_at', 'timestamptz')
    .execute();
  // Tasks of the foundation release get keys in the engine's own format.
  await sql`update task set engine_key = 't-' || id::text where engine_key is null`.execute(db);
  await sql`alter table task alter column engine_key set not null`.execute(db);
  await sql`alter table task add constraint task_status_check check (status in ('pending', 'suspended', 'approved', 'rejected', 'returned', 'transferred', 'cancelled'))`.execute(db);
  await sql`alter table task add constraint task_kind_check check (kind in ('approve', 'delegate', 'signerBefore', 'signerAfter'))`.execute(db);
  await db.schema.createIndex('task_engine_key_idx').unique().on('task').columns(['application_id', 'engine_key']).execute();
  await db.schema.dropIndex('task_done_idx').execute();
  await db.schema
    .createIndex('task_done_idx')
    .on('task')
    .columns(['assignee_person_id', 'completed_at desc', 'id desc'])
    .where(sql.ref('status'), 'in', ['approved', 'rejected', 'returned', 'transferred'])
    .execute();

  await db.schema.alterTable('timeline').addColumn('detail', 'jsonb').execute();

  // Every accepted engine action, in order: replaying them rebuilds the engine state.
  await db.schema
    .createTable('application_action')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('application.id'))
    .addColumn('actor_person_id', 'uuid')
    .addColumn('action', 'jsonb', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    /** The answer given the first time, returned again for a repeated key. */
    .addColumn('response', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('application_action_app_idx').on('application_action').columns(['application_id', 'id']).execute();
  await sql`create unique index application_action_idempotency on application_action (actor_person_id, idempotency_key) where idempotency_key is not null`.execute(db);

  await db.schema
    .createTable('application_cc')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('application.id'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('by_person_id', 'uuid')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .addUniqueConstraint('application_cc_once', ['application_id', 'person_id'])
    .execute();
  await db.schema.createIndex('application_cc_person_idx').on('application_cc').columns(['person_id', 'created_at desc', 'id desc']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Irreversible; restore a backup instead.');
}

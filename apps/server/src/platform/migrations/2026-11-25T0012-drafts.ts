import { sql, type Kysely } from 'kysely';

/**
 * Drafts kept on the server (草稿). Frozen.
 *
 * `application_draft`: what a person filled in on a service's form without
 * submitting it, one row per person and service (the phone saves over it),
 * with the form version it was filled in on. `data` is the form's values as
 * they stood, not checked as a form. The submit of the service deletes the
 * row in its transaction. 发出的事项 › 草稿 lists a person's drafts, newest first.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('application_draft')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('service.id'))
    .addColumn('form_version', 'integer', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('application_draft_person_service_key', ['person_id', 'service_id'])
    .execute();
  await db.schema.createIndex('application_draft_person_idx').on('application_draft').columns(['person_id', 'updated_at desc', 'id desc']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Cannot be reverted; restore a backup instead.');
}

import { sql, type Kysely } from 'kysely';

/**
 * Attachments, and recurring jobs. Frozen.
 *
 * `file`: one uploaded file. It is staged (application_id null) until the
 * submit that references it links it to its application, in the submit's
 * transaction; staged files are deleted after a day. The stored object's key
 * is the id; the name is only shown.
 *
 * `job_schedule`: jobs that run every so often (the staged-file cleanup).
 * The worker moves a due row's next run forward and enqueues its job in one
 * statement, so with several server processes each run is enqueued once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('file')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('uploader_person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('extension', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size >= 0`))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('application_id', 'uuid', (c) => c.references('application.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('linked_at', 'timestamptz')
    .addCheckConstraint('file_linked_check', sql`(application_id is null) = (linked_at is null)`)
    .execute();
  // The cleanup looks for old staged files; downloads and the application's files go by id.
  await db.schema.createIndex('file_staged_idx').on('file').column('created_at').where(sql.ref('application_id'), 'is', null).execute();
  await db.schema.createIndex('file_application_idx').on('file').column('application_id').where(sql.ref('application_id'), 'is not', null).execute();
  await db.schema.createIndex('file_uploader_idx').on('file').column('uploader_person_id').execute();

  await db.schema
    .createTable('job_schedule')
    .addColumn('kind', 'text', (c) => c.primaryKey())
    .addColumn('every_seconds', 'integer', (c) => c.notNull().check(sql`every_seconds > 0`))
    .addColumn('next_run_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Cannot be reverted; restore a backup instead.');
}

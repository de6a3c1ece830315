import type { Kysely } from 'kysely';

/**
 * The files a draft holds (草稿 with attachments). Frozen.
 *
 * `draft_file`: each staged upload a person's draft references, written with
 * the draft in its save's transaction. The cleanup of staged files leaves
 * these alone, so a draft saved on Friday still has its attachments on
 * Monday; deleting the draft (the submit, or 删除) frees them, and an
 * unsubmitted one is then cleaned up like any other staged file.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('draft_file')
    .addColumn('draft_id', 'uuid', (c) => c.notNull().references('application_draft.id').onDelete('cascade'))
    .addColumn('file_id', 'uuid', (c) => c.notNull().references('file.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('draft_file_pkey', ['draft_id', 'file_id'])
    .execute();
  await db.schema.createIndex('draft_file_file_idx').on('draft_file').column('file_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Cannot be reverted; restore a backup instead.');
}

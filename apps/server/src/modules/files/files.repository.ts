import { sql, type Insertable, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import type { FileRow, FileTable } from './files.table.ts';

/** SQL of the files module. */

export function insertFile(db: Executor, row: Insertable<FileTable>) {
  return db.insertInto('file').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findFileById(db: Executor, id: string): Promise<FileRow | undefined> {
  return db.selectFrom('file').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findFilesByIds(db: Executor, ids: readonly string[]): Promise<FileRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('file').selectAll().where('id', 'in', ids).execute();
}

/**
 * Links the person's files to an application: those still staged, and those
 * already linked to this same application (a resubmit keeps its files).
 * A staged file another submit links first is skipped after that submit
 * commits (the row lock, then the re-checked condition). Returns the ids linked.
 */
export async function linkFiles(db: Executor, link: { personId: string; applicationId: string; ids: readonly string[] }): Promise<string[]> {
  if (link.ids.length === 0) return [];
  const rows = await db
    .updateTable('file')
    .set({ application_id: link.applicationId, linked_at: sql<Date>`coalesce(linked_at, now())` })
    .where('id', 'in', link.ids)
    .where('uploader_person_id', '=', link.personId)
    .where((eb) => eb.or([eb('application_id', 'is', null), eb('application_id', '=', link.applicationId)]))
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

/** The file row is held by no draft (draft_file): the cleanup may take it. */
const notHeldByDraft = sql<SqlBool>`not exists (select 1 from draft_file where draft_file.file_id = file.id)`;

/** Staged files uploaded more than `hours` ago (by the database's clock) that no draft holds, oldest first: what the cleanup removes. */
export function findStagedOlderThan(db: Executor, hours: number, limit: number) {
  return db
    .selectFrom('file')
    .select(['id'])
    .where('application_id', 'is', null)
    .where('created_at', '<', sql<Date>`now() - make_interval(hours => ${hours})`)
    .where(notHeldByDraft)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/**
 * Deletes a file row if it is still staged; says whether it did. Taken in the
 * cleanup's transaction, its row lock makes a submit claiming the same file
 * wait, then find nothing (or, if the submit came first, this finds nothing).
 */
export async function deleteStagedFile(db: Executor, id: string, only: { uploaderPersonId: string } | { unheld: true }): Promise<boolean> {
  let query = db.deleteFrom('file').where('id', '=', id).where('application_id', 'is', null);
  if ('uploaderPersonId' in only) query = query.where('uploader_person_id', '=', only.uploaderPersonId);
  // The cleanup's: a draft saved since the file was found due holds it now.
  else query = query.where(notHeldByDraft);
  const rows = await query.returning('id').execute();
  return rows.length === 1;
}

/**
 * Makes a draft hold exactly these of the person's staged files: those it
 * no longer names are let go, the others held (ids that are not the
 * person's staged uploads are passed over: a draft is never checked as a form).
 */
export async function holdFilesForDraft(db: Executor, hold: { draftId: string; personId: string; ids: readonly string[] }): Promise<void> {
  let release = db.deleteFrom('draft_file').where('draft_id', '=', hold.draftId);
  if (hold.ids.length > 0) release = release.where('file_id', 'not in', hold.ids);
  await release.execute();
  if (hold.ids.length === 0) return;
  await db
    .insertInto('draft_file')
    .columns(['draft_id', 'file_id'])
    .expression((eb) =>
      eb
        .selectFrom('file')
        .select([sql<string>`${hold.draftId}::uuid`.as('draft_id'), 'file.id as file_id'])
        .where('file.id', 'in', hold.ids)
        .where('file.uploader_person_id', '=', hold.personId)
        .where('file.application_id', 'is', null),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

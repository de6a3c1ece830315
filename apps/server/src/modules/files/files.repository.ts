import { sql, type Insertable } from 'kysely';
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

/** Staged files uploaded more than `hours` ago (by the database's clock), oldest first: what the cleanup removes. */
export function findStagedOlderThan(db: Executor, hours: number, limit: number) {
  return db
    .selectFrom('file')
    .select(['id'])
    .where('application_id', 'is', null)
    .where('created_at', '<', sql<Date>`now() - make_interval(hours => ${hours})`)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/**
 * Deletes a file row if it is still staged; says whether it did. Taken in the
 * cleanup's transaction, its row lock makes a submit claiming the same file
 * wait, then find nothing (or, if the submit came first, this finds nothing).
 */
export async function deleteStagedFile(db: Executor, id: string, uploaderPersonId?: string): Promise<boolean> {
  let query = db.deleteFrom('file').where('id', '=', id).where('application_id', 'is', null);
  if (uploaderPersonId) query = query.where('uploader_person_id', '=', uploaderPersonId);
  const rows = await query.returning('id').execute();
  return rows.length === 1;
}

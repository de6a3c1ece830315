import type { Insertable } from 'kysely';
import type { IdType, PersonKind } from '@onehall/contracts';
import type { Cursor } from '../../platform/cursor.ts';
import type { Executor } from '../../platform/db.ts';
import type { PersonTable } from './identity.table.ts';

/** SQL of the people import and the administrators' people list. */

/** Rows looked up with `in (…)` at most this many values at a time. */
const CHUNK = 1000;

async function inChunks<T>(values: readonly string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let start = 0; start < values.length; start += CHUNK) rows.push(...(await read(values.slice(start, start + CHUNK))));
  return rows;
}

export async function readIdNumberSalt(db: Executor): Promise<string> {
  const row = await db.selectFrom('install_secret').select('value').where('name', '=', 'id_number_salt').executeTakeFirstOrThrow();
  return row.value;
}

export function findDepartmentsByCode(db: Executor) {
  return db.selectFrom('department').select(['id', 'code']).execute();
}

export function findClassesByCode(db: Executor) {
  return db.selectFrom('class').select(['id', 'code', 'department_id']).execute();
}

const personColumns = ['p.id', 'p.name', 'p.kind', 'p.department_id', 'p.class_id', 'p.phone', 'p.id_number', 'p.id_type', 'p.id_number_hash', 'p.email'] as const;

/** The accounts with these numbers, each with its person. */
export function findAccountsWithPeople(db: Executor, accountNos: readonly string[]) {
  return inChunks(accountNos, (chunk) =>
    db.selectFrom('account as a').innerJoin('person as p', 'p.id', 'a.person_id').select(['a.account_no', ...personColumns]).where('a.account_no', 'in', chunk).execute(),
  );
}

/** The people whose ID number hashes are among these, with their account numbers. */
export function findPeopleByIdNumberHash(db: Executor, hashes: readonly string[]) {
  return inChunks(hashes, (chunk) => db.selectFrom('person as p').select(personColumns).where('p.id_number_hash', 'in', chunk).execute());
}

export async function insertPeople(db: Executor, rows: Insertable<PersonTable>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) await db.insertInto('person').values(rows.slice(start, start + CHUNK)).execute();
}

export async function updatePerson(
  db: Executor,
  personId: string,
  changes: Partial<Pick<PersonTable, 'name' | 'kind' | 'department_id' | 'class_id' | 'phone' | 'email' | 'id_number' | 'id_number_hash'>> & { id_type?: IdType } & { name_pinyin?: string; name_initials?: string },
): Promise<void> {
  await db.updateTable('person').set({ ...changes, updated_at: new Date() }).where('id', '=', personId).execute();
}

export async function insertAccounts(db: Executor, rows: { person_id: string; account_no: string; kind: PersonKind; password_hash: string }[]): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    await db.insertInto('account').values(rows.slice(start, start + CHUNK).map((row) => ({ ...row, must_change_password: true }))).execute();
  }
}

/** People for the admin console, newest first; `q` is part of a name or the start of an account number. */
export function findPeoplePage(db: Executor, options: { q?: string | undefined; cursor?: Cursor | undefined; limit: number }) {
  let query = db
    .selectFrom('person as p')
    .leftJoin('department as d', 'd.id', 'p.department_id')
    .leftJoin('class as c', 'c.id', 'p.class_id')
    .select(['p.id', 'p.name', 'p.kind', 'p.phone', 'p.id_number', 'p.id_type', 'p.created_at', 'd.name as department_name', 'c.name as class_name']);
  if (options.q) {
    const q = options.q;
    const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
    query = query.where((eb) =>
      eb.or([eb('p.name', 'like', `%${escaped}%`), eb.exists(eb.selectFrom('account as a').select('a.id').whereRef('a.person_id', '=', 'p.id').where('a.account_no', 'like', `${escaped}%`))]),
    );
  }
  if (options.cursor) {
    const { at, id } = options.cursor;
    query = query.where((eb) => eb(eb.refTuple('p.created_at', 'p.id'), '<', eb.tuple(at, id)));
  }
  return query.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(options.limit).execute();
}

/** The accounts of these people, oldest first. */
export function findAccountsOfPeople(db: Executor, personIds: readonly string[]) {
  return inChunks(personIds, (chunk) => db.selectFrom('account').select(['person_id', 'account_no', 'status']).where('person_id', 'in', chunk).orderBy('created_at').execute());
}

/** The people these ids name, each with one account number (an active one first). */
export function findPeopleWithAccount(db: Executor, personIds: readonly string[]) {
  return inChunks(personIds, (chunk) =>
    db
      .selectFrom('person as p')
      .select((eb) => [
        'p.id',
        'p.name',
        eb
          .selectFrom('account as a')
          .select('a.account_no')
          .whereRef('a.person_id', '=', 'p.id')
          .orderBy((ob) => ob.case().when('a.status', '=', 'active').then(0).else(1).end())
          .orderBy('a.created_at', 'desc')
          .limit(1)
          .as('account_no'),
      ])
      .where('p.id', 'in', chunk)
      .execute(),
  );
}

import { sql, type Kysely } from 'kysely';

/**
 * The document a person's ID number is of (证件类型). Frozen.
 *
 * Until now every person's number had to be a resident ID card's, so an
 * international student (护照) or a student from Hong Kong, Macao or Taiwan
 * with a travel permit could not be imported. Everyone already in the hall
 * keeps 'resident'; their hashes are unchanged (hashIdNumber hashes a
 * resident number as before and prefixes the others with their type).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('person')
    .addColumn('id_type', 'text', (c) => c.notNull().defaultTo('resident').check(sql`id_type in ('resident', 'passport', 'hkMacaoPermit', 'taiwanPermit', 'foreignPermanent')`))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Cannot be reverted; restore a backup instead.');
}

import { createHmac, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

/**
 * People import: each person gets a salted hash of their ID number, so an
 * imported row with a new account number finds the person it belongs to
 * (预科→本科) through an index, without comparing ID numbers in the clear.
 * The salt is made once per installation, here, and kept in install_secret.
 * Existing people are hashed in this migration. Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('install_secret')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  const salt = randomBytes(32).toString('base64url');
  await db.insertInto('install_secret').values({ name: 'id_number_salt', value: salt }).execute();

  await db.schema.alterTable('person').addColumn('id_number_hash', 'text').execute();
  await db.schema.createIndex('person_id_number_hash_idx').on('person').column('id_number_hash').where(sql.ref('id_number_hash'), 'is not', null).execute();
  await db.schema.createIndex('person_created_idx').on('person').columns(['created_at desc', 'id desc']).execute();

  // The same hash as identity/id-number.ts hashIdNumber (a migration does not import module code, which may change).
  const people: { id: string; id_number: string }[] = await db.selectFrom('person').select(['id', 'id_number']).where('id_number', 'is not', null).execute();
  for (const person of people) {
    const hash = createHmac('sha256', salt).update(person.id_number.trim().toUpperCase()).digest('base64url');
    await db.updateTable('person').set({ id_number_hash: hash }).where('id', '=', person.id).execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('The ID number salt cannot be reverted; restore a backup instead.');
}

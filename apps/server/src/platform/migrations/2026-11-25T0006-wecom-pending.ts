import { sql, type Kysely } from 'kysely';

/**
 * A WeCom member who came back from WeCom's login but is not bound yet: who
 * they are at WeCom (userid, and the mobile WeCom holds when they shared it),
 * kept for the registration that follows in the same browser, used once,
 * soon expired. Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('wecom_pending')
    .addColumn('id', 'text', (c) => c.primaryKey()) // SHA-256 of the browser's cookie value
    .addColumn('wecom_userid', 'text', (c) => c.notNull())
    .addColumn('mobile', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Cannot be reverted; restore a backup instead.');
}

import { sql, type Kysely } from 'kysely';

/**
 * SMS verification codes (hashed, never in clear) and the hall's daily SMS
 * count. The send limits count rows by phone, account and IP over the last
 * minutes to 24 hours, hence the indexes. Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('verification_code')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('account.id'))
    .addColumn('ip', 'text')
    .addColumn('code_salt', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'verified', 'consumed', 'replaced', 'dead')`))
    .addColumn('delivery_status', 'text', (c) => c.notNull().defaultTo('queued').check(sql`delivery_status in ('queued', 'sent', 'failed')`))
    .addColumn('delivery_error', 'text')
    .addColumn('provider_message_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('verified_at', 'timestamptz')
    .addColumn('consumed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('verification_code_key_idx').on('verification_code').columns(['session_id', 'purpose', 'phone', 'created_at desc']).execute();
  await db.schema.createIndex('verification_code_phone_idx').on('verification_code').columns(['phone', 'created_at desc']).execute();
  await db.schema.createIndex('verification_code_account_idx').on('verification_code').columns(['account_id', 'created_at desc']).execute();
  await db.schema.createIndex('verification_code_ip_idx').on('verification_code').columns(['ip', 'created_at desc']).execute();

  await db.schema
    .createTable('sms_daily_count')
    .addColumn('day', 'date', (c) => c.primaryKey())
    .addColumn('sent', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Irreversible; restore a backup instead.');
}

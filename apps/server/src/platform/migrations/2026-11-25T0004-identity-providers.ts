import { sql, type Kysely } from 'kysely';

/**
 * Identity providers as data: which are enabled and their settings (never
 * secrets, which stay in the configuration); people's identities at those
 * providers, found by (provider, subject); and the provider each session
 * was opened with (and, for CAS single logout, its ticket's hash). Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('identity_provider')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id in ('local', 'ldap', 'cas', 'oidc', 'wecom')`))
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'uuid')
    .execute();
  await sql`insert into identity_provider (id, enabled, display_name) values ('local', true, '账号密码'), ('ldap', false, '统一身份认证')`.execute(db);

  await db.schema
    .createTable('external_identity')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('provider_id', 'text', (c) => c.notNull().references('identity_provider.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_login_at', 'timestamptz')
    .addUniqueConstraint('external_identity_subject', ['provider_id', 'subject'])
    .execute();
  await db.schema.createIndex('external_identity_person_idx').on('external_identity').column('person_id').execute();

  // A login that went to an outside provider and has not come back yet (OIDC, WeCom): its state, bound to the
  // browser that started it by a cookie's hash, used once, soon expired.
  await db.schema
    .createTable('login_state')
    .addColumn('id', 'text', (c) => c.primaryKey()) // SHA-256 of the state parameter
    .addColumn('provider_id', 'text', (c) => c.notNull())
    .addColumn('browser_hash', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text')
    .addColumn('nonce', 'text')
    .addColumn('next', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();

  await db.schema.alterTable('session').addColumn('provider_id', 'text', (c) => c.notNull().defaultTo('local')).addColumn('cas_ticket_hash', 'text').execute();
  // CAS single logout names the service ticket the session was opened with; only its hash is kept.
  await db.schema.createIndex('session_cas_ticket_idx').on('session').column('cas_ticket_hash').where(sql.ref('cas_ticket_hash'), 'is not', null).execute();
}

export async function down(): Promise<void> {
  throw new Error('Identity provider tables cannot be reverted; restore a backup instead.');
}

import { sql, type Kysely } from 'kysely';

/**
 * The administrator role (系统管理员) in every installation. Frozen.
 *
 * Until now only the demo seed made roles, so an installation started with
 * SEED_DEMO=false had no role an operator could give the first
 * administrator (`hall grant-role <学号/工号> admin`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`insert into role (code, name) values ('admin', '系统管理员') on conflict (code) do nothing`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Cannot be reverted; restore a backup instead.');
}

import { pinyin } from 'pinyin-pro';
import { sql, type Kysely } from 'kysely';

/**
 * 我的服务, personal and searchable:
 * - service.name_pinyin / name_initials: the name's readings for search by
 *   pinyin and initials, computed when a service is saved (and here, once,
 *   for the services that exist);
 * - service.audiences: the person kinds a service is for (empty: everyone);
 * - service_favorite (我的收藏) and service_visit (最近使用: last opened);
 * - an index to count the hall's applications of the last days (热门服务).
 * Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`now()`;
  const ms = sql`timestamptz(3)`;

  await db.schema
    .alterTable('service')
    .addColumn('name_pinyin', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name_initials', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('audiences', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .execute();
  await sql`alter table service add constraint service_audiences_known check (audiences <@ array['student', 'teacher', 'staff']::text[])`.execute(db);

  await db.schema
    .createTable('service_favorite')
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('service.id'))
    .addColumn('created_at', ms, (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('service_favorite_pk', ['person_id', 'service_id'])
    .execute();

  await db.schema
    .createTable('service_visit')
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('service.id'))
    .addColumn('visited_at', ms, (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('service_visit_pk', ['person_id', 'service_id'])
    .execute();
  await db.schema.createIndex('service_visit_recent_idx').on('service_visit').columns(['person_id', 'visited_at desc']).execute();

  // 热门服务 counts the applications submitted since a moment: a range scan of this index, not of the table.
  await db.schema.createIndex('application_submitted_service_idx').on('application').columns(['submitted_at', 'service_id']).execute();

  const services: { id: string; name: string }[] = await db.selectFrom('service').select(['id', 'name']).execute();
  for (const service of services) {
    await db.updateTable('service').set(readingsOf(service.name)).where('id', '=', service.id).execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('Cannot be reverted; restore a backup instead.');
}

/** The readings as catalog/catalog.pinyin.ts made them at this time (a migration does not import module code, which may change). */
function readingsOf(name: string): { name_pinyin: string; name_initials: string } {
  const han = /\p{Script=Han}/u;
  const chars = [...name.normalize('NFKC').toLowerCase()].filter((ch) => /^[a-z0-9]$/.test(ch) || han.test(ch));
  const entries = chars.length ? pinyin(chars.join(''), { type: 'all', toneType: 'none', v: true }) : [];
  const aligned = entries.length === chars.length && entries.every((entry, i) => entry.origin === chars[i]);
  const contextual = chars.map((ch, i) => (han.test(ch) ? (aligned ? entries[i]!.pinyin : pinyin(ch, { toneType: 'none', v: true })) || ch : ch));
  const readings = [contextual];
  chars.forEach((ch, i) => {
    if (!han.test(ch)) return;
    for (const other of new Set(pinyin(ch, { multiple: true, toneType: 'none', type: 'array', v: true }))) {
      if (other && other !== contextual[i]) readings.push(contextual.map((syllable, j) => (j === i ? other : syllable)));
    }
  });
  const unique = (values: string[]) => [...new Set(values)].slice(0, 8).join(' ');
  return { name_pinyin: unique(readings.map((s) => s.join(''))), name_initials: unique(readings.map((s) => s.map((x) => x[0] ?? '').join(''))) };
}

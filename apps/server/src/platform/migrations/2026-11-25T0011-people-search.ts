import { pinyin } from 'pinyin-pro';
import type { Kysely } from 'kysely';

/**
 * People found by the phone's person picker (a person field of a form) by
 * name, pinyin or initials as well as by number: person.name_pinyin and
 * person.name_initials hold the readings of the name, computed when a person
 * is written (and here, once, for the people that exist). Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('person')
    .addColumn('name_pinyin', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name_initials', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  const people: { id: string; name: string }[] = await db.selectFrom('person').select(['id', 'name']).execute();
  for (const person of people) {
    await db.updateTable('person').set(readingsOf(person.name)).where('id', '=', person.id).execute();
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

/**
 * Copying rows of the hall's tables in SQL without naming their columns:
 * the column list is read from the catalog at run time, so columns the
 * engine rework adds are copied too. A copy names only what must differ
 * (ids, keys, times) and takes every other column from the source row.
 */
import type pg from 'pg';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The columns of a table that an INSERT may set (identity columns fill themselves). */
export async function insertableColumns(db: pg.Pool | pg.PoolClient, table: string): Promise<string[]> {
  const { rows } = await db.query<{ column_name: string }>(
    `select column_name from information_schema.columns
      where table_schema = current_schema() and table_name = $1 and is_identity = 'NO' and is_generated = 'NEVER'
      order by ordinal_position`,
    [table],
  );
  if (rows.length === 0) throw new Error(`no table ${table}`);
  return rows.map((row) => row.column_name);
}

/**
 * `insert into <table> (<columns>) select <overrides or source.column> from <from>`:
 * `overrides` maps a column to an SQL expression; `source` is the alias of
 * the row copied in `from`.
 */
export async function copySql(db: pg.Pool | pg.PoolClient, table: string, source: string, from: string, overrides: Record<string, string>): Promise<string> {
  const columns = await insertableColumns(db, table);
  for (const column of Object.keys(overrides)) if (!columns.includes(column)) throw new Error(`${table} has no column ${column}`);
  const values = columns.map((column) => overrides[column] ?? `${source}.${quote(column)}`);
  return `insert into ${quote(table)} (${columns.map(quote).join(', ')}) select ${values.join(', ')} from ${from}`;
}

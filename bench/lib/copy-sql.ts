/**
 * Copying rows of the hall's tables in SQL without naming their columns:
 * the column list is read from the catalog at run time, so columns and
 * tables the engine adds are copied too. A copy names only what must differ
 * (ids, keys, times) and takes every other column from the source row.
 */
import type pg from 'pg';

type Executor = pg.Pool | pg.PoolClient;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

interface Column {
  name: string;
  default: string | null;
  nullable: boolean;
}

/** The columns of a table that an INSERT may set (identity columns fill themselves). */
async function insertableColumns(db: Executor, table: string): Promise<Column[]> {
  const { rows } = await db.query<{ column_name: string; column_default: string | null; is_nullable: string }>(
    `select column_name, column_default, is_nullable from information_schema.columns
      where table_schema = current_schema() and table_name = $1 and is_identity = 'NO' and is_generated = 'NEVER'
      order by ordinal_position`,
    [table],
  );
  if (rows.length === 0) throw new Error(`no table ${table}`);
  return rows.map((row) => ({ name: row.column_name, default: row.column_default, nullable: row.is_nullable === 'YES' }));
}

/**
 * `insert into <table> (<columns>) select <overrides or source.column> from <from>`:
 * `overrides` maps a column to an SQL expression; `source` is the alias of
 * the row copied in `from`. A generated `id` gets a fresh value and a
 * nullable `idempotency_key` is cleared, unless overridden: copies must not
 * collide with their source.
 */
export async function copySql(db: Executor, table: string, source: string, from: string, overrides: Record<string, string>): Promise<string> {
  const columns = await insertableColumns(db, table);
  for (const column of Object.keys(overrides)) if (!columns.some((c) => c.name === column)) throw new Error(`${table} has no column ${column}`);
  const values = columns.map((column) => {
    if (overrides[column.name] !== undefined) return overrides[column.name]!;
    if (column.name === 'id' && column.default) return column.default;
    if (column.name === 'idempotency_key' && column.nullable) return 'null';
    return `${source}.${quote(column.name)}`;
  });
  return `insert into ${quote(table)} (${columns.map((c) => quote(c.name)).join(', ')}) select ${values.join(', ')} from ${from}`;
}

/** Every table holding rows of one application: its foreign key column to `application`. */
export async function dependentsOfApplication(db: Executor): Promise<{ table: string; column: string }[]> {
  const { rows } = await db.query<{ table_name: string; column_name: string }>(
    `select c.conrelid::regclass::text as table_name, a.attname as column_name
       from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.confrelid = 'application'::regclass and cardinality(c.conkey) = 1
      order by 1`,
  );
  return rows.map((row) => ({ table: row.table_name, column: row.column_name }));
}

/** Tables other than `application`'s own dependents that point at a task: copying would lose those links. */
export async function tablesReferringToTasks(db: Executor): Promise<string[]> {
  const { rows } = await db.query<{ table_name: string }>(`select conrelid::regclass::text as table_name from pg_constraint where contype = 'f' and confrelid = 'task'::regclass`);
  return rows.map((row) => row.table_name);
}

export { quote };

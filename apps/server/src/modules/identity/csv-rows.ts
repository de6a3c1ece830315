import { parse } from 'csv-parse/sync';
import type { ImportProblemDto } from '@onehall/contracts';

/** A problem of an import file, at its line (the header is line 1) and column (by header text). */
export type ImportProblem = ImportProblemDto;

/** A column of an import file: the header the template writes, and other headers taken for it. */
export interface ImportColumn<K extends string> {
  key: K;
  header: string;
  aliases: readonly string[];
}

/** A line of the file: its cells by column (trimmed; '' where the line has none). */
export interface CsvRow<K extends string> {
  line: number;
  cells: Map<K, string>;
}

export interface CsvSpec<K extends string> {
  columns: readonly ImportColumn<K>[];
  /** Columns the header must have. */
  required: readonly K[];
  maxRows: number;
  /** What one row is, for the messages: 账号, 部门, 班级. */
  rowNoun: string;
}

/**
 * The rows of an import file (人员, 部门, 班级 imports), each line's cells
 * found by the header's text or one of its aliases. What stops the whole
 * file — not CSV, no header, a required column missing, no rows, too many —
 * is added to `problems`, and no row is answered.
 */
export function readCsvRows<K extends string>(csv: string, spec: CsvSpec<K>, problems: ImportProblem[]): CsvRow<K>[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(csv, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const line = typeof error === 'object' && error !== null && typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : 1;
    problems.push({ line, column: null, code: 'CSV_MALFORMED', message: '文件不是有效的 CSV（引号未闭合或格式错误）：请在 Excel 中“另存为 CSV”后重试' });
    return [];
  }
  const noRows = { line: 1, column: null, code: 'NO_ROWS', message: `文件中没有数据：第一行为表头，从第二行起每行一个${spec.rowNoun}` };
  const [header, ...body] = records;
  if (!header) {
    problems.push(noRows);
    return [];
  }
  const positions = new Map<K, number>();
  header.record.forEach((text, index) => {
    const column = spec.columns.find((c) => c.header === text || c.aliases.includes(text));
    if (column && !positions.has(column.key)) positions.set(column.key, index);
  });
  for (const required of spec.required) {
    const header = spec.columns.find((c) => c.key === required)!.header;
    if (!positions.has(required)) problems.push({ line: 1, column: header, code: 'MISSING_COLUMN', message: `缺少“${header}”列：请使用导入模板的表头` });
  }
  if (problems.length > 0) return [];
  if (body.length === 0) problems.push(noRows);
  if (body.length > spec.maxRows) {
    problems.push({ line: 1, column: null, code: 'TOO_MANY_ROWS', message: `一次最多导入 ${spec.maxRows} 行，本文件有 ${body.length} 行：请分成几个文件` });
    return [];
  }
  return body.map(({ record, info }) => {
    const cells = new Map<K, string>();
    for (const [key, index] of positions) cells.set(key, record[index] ?? '');
    return { line: info.lines, cells };
  });
}

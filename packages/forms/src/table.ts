import { fromNumber, parseDecimal, sum, toNumber } from './decimal.ts';
import { formatMoney } from './money.ts';
import type { FormField, TableRow } from './schema.ts';

/**
 * The totals row of a detail table (合计): the sum of every number and money
 * column over the rows, added exactly — 0.1 + 0.2 is 0.3, "0.10" + "0.20" is
 * "0.30". A money total is a money string, a number total a number; blank
 * and malformed cells count as nothing.
 */
export function sumTableColumns(field: Extract<FormField, { type: 'table' }>, rows: readonly TableRow[]): Record<string, number | string> {
  const totals: Record<string, number | string> = {};
  for (const column of field.columns) {
    if (column.type !== 'number' && column.type !== 'money') continue;
    const cells = rows.map((row) => row[column.key]);
    const exact = cells.map((cell) => (typeof cell === 'number' ? fromNumber(cell) : typeof cell === 'string' ? parseDecimal(cell) : null)).filter((v) => v !== null);
    const total = sum(exact);
    totals[column.key] = column.type === 'money' ? formatMoney(total) : toNumber(total);
  }
  return totals;
}

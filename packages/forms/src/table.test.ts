import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formSchema, type FormField, type TableRow } from './schema.ts';
import { sumTableColumns } from './table.ts';
import { validateForm } from './validate.ts';

const today = '2026-11-24';
const form = formSchema.parse({
  fields: [
    {
      key: 'items',
      label: '报销明细',
      labelEn: 'Expenses',
      type: 'table',
      required: true,
      maxRows: 3,
      columns: [
        { key: 'what', label: '项目', labelEn: 'Item', type: 'text', required: true, maxLength: 20 },
        { key: 'day', label: '日期', type: 'date', max: 'today' },
        { key: 'qty', label: '数量', type: 'number', integer: true, min: 1 },
        { key: 'amount', label: '金额', labelEn: 'Amount', type: 'money', required: true },
        { key: 'invoice', label: '有发票', type: 'switch' },
      ],
    },
    { key: 'total', label: '合计', type: 'computed', formula: 'sum(items.amount)', resultType: 'money' },
  ],
});
const table = form.fields[0] as Extract<FormField, { type: 'table' }>;

describe('detail tables', () => {
  it('normalises each row, drops blank rows and computes the total exactly', () => {
    const result = validateForm(form, { items: [{ what: ' 车票 ', amount: '0.1', qty: '2' }, { what: '', amount: ' ' }, { what: '餐费', amount: 0.2, invoice: true, day: '2026-11-20' }] }, { today });
    expect(result).toEqual({
      ok: true,
      values: {
        items: [
          { what: '车票', qty: 2, amount: '0.10', invoice: false },
          { what: '餐费', day: '2026-11-20', amount: '0.20', invoice: true },
        ],
        total: '0.30',
      },
    });
  });

  it('names the row and column of a cell error', () => {
    const result = validateForm(form, { items: [{ what: '车票', amount: '5' }, { what: '餐费', amount: '1.234', qty: 0 }] }, { today });
    expect(result).toEqual({
      ok: false,
      errors: [
        { key: 'items', code: 'tooSmall', message: '报销明细第 2 行：数量不能小于 1', row: 1, column: 'qty' },
        { key: 'items', code: 'tooPrecise', message: '报销明细第 2 行：金额最多保留两位小数', row: 1, column: 'amount' },
      ],
    });
    const missing = validateForm(form, { items: [{ amount: '5' }] }, { today, locale: 'en' });
    expect(missing).toEqual({ ok: false, errors: [{ key: 'items', code: 'required', message: 'Expenses, row 1: Please fill in Item', row: 0, column: 'what' }] });
  });

  it('requires a row when required, and refuses too many or too few rows', () => {
    expect(validateForm(form, { items: [] }, { today })).toEqual({ ok: false, errors: [{ key: 'items', code: 'required', message: '请添加报销明细' }] });
    expect(validateForm(form, { items: [{ what: '', amount: '' }] }, { today })).toMatchObject({ ok: false, errors: [{ code: 'required' }] });
    const row = { what: 'x', amount: '1' };
    expect(validateForm(form, { items: [row, row, row, row] }, { today })).toMatchObject({ ok: false, errors: [{ code: 'tooMany', message: '报销明细最多 3 行' }] });
    const small = formSchema.parse({ fields: [{ ...table, required: false, minRows: 2 }] });
    expect(validateForm(small, { items: [row] }, { today })).toMatchObject({ ok: false, errors: [{ code: 'tooFew', message: '报销明细至少填写 2 行' }] });
    expect(validateForm(small, { items: [] }, { today })).toEqual({ ok: true, values: {} });
  });

  it('refuses what is not a list of rows', () => {
    expect(validateForm(form, { items: 'x' }, { today })).toMatchObject({ ok: false, errors: [{ code: 'type' }] });
    expect(validateForm(form, { items: [1] }, { today })).toMatchObject({ ok: false, errors: [{ code: 'type' }] });
  });
});

describe('column sums', () => {
  it('adds money to the fen and numbers without floating errors', () => {
    const rows: TableRow[] = [
      { what: 'a', qty: 0.1, amount: '0.10' },
      { what: 'b', qty: 0.2, amount: '0.20' },
      { what: 'c' },
    ];
    expect(sumTableColumns(table, rows)).toEqual({ qty: 0.3, amount: '0.30' });
    expect(sumTableColumns(table, [])).toEqual({ qty: 0, amount: '0.00' });
  });

  it('equals the sum in integer fen for any rows (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { maxLength: 50 }), (fens) => {
        const rows = fens.map((fen) => ({ amount: (fen / 100).toFixed(2) }));
        const total = fens.reduce((a, b) => a + b, 0);
        expect(sumTableColumns(table, rows).amount).toBe(`${Math.floor(total / 100)}.${String(total % 100).padStart(2, '0')}`);
      }),
    );
  });
});

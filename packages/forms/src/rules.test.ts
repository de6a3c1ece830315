import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formSchema } from './schema.ts';
import { evaluateForm, validateForm } from './validate.ts';

const today = '2026-11-24';

describe('visibility and required conditions', () => {
  const form = formSchema.parse({
    fields: [
      { key: 'type', label: '类型', type: 'radio', required: true, options: [{ value: 'sick', label: '病假' }, { value: 'other', label: '其他' }] },
      { key: 'reason', label: '原因', labelEn: 'Reason', type: 'text', required: true, visibleWhen: { field: 'type', op: 'eq', value: 'other' } },
      { key: 'leave', label: '请假时间', type: 'dateRange', required: true },
      { key: 'proof', label: '证明材料', type: 'text', requiredWhen: { any: [{ field: 'leave', op: 'gt', value: 3 }, { field: 'type', op: 'eq', value: 'sick' }] } },
      { key: 'note', label: '长假说明', type: 'description', content: '三天以上须学院审批', visibleWhen: { field: 'leave', op: 'gt', value: 3 } },
    ],
  });

  it('shows a field only when its condition holds, and drops the value of a hidden one', () => {
    const hidden = validateForm(form, { type: 'sick', reason: '不该留下', leave: { start: '2026-11-24', end: '2026-11-24' }, proof: '医院证明' }, { today });
    expect(hidden).toEqual({ ok: true, values: { type: 'sick', leave: { start: '2026-11-24', end: '2026-11-24', days: 1 }, proof: '医院证明' } });
    const shown = validateForm(form, { type: 'other', reason: '家中有事', leave: { start: '2026-11-24', end: '2026-11-24' } }, { today });
    expect(shown).toEqual({ ok: true, values: { type: 'other', reason: '家中有事', leave: { start: '2026-11-24', end: '2026-11-24', days: 1 } } });
  });

  it('does not check a hidden field, however wrong its value', () => {
    expect(validateForm(form, { type: 'sick', reason: 12345, leave: { start: '2026-11-24', end: '2026-11-24' }, proof: 'x' }, { today }).ok).toBe(true);
    expect(validateForm(form, { type: 'other', reason: 12345, leave: { start: '2026-11-24', end: '2026-11-24' } }, { today })).toMatchObject({ ok: false, errors: [{ key: 'reason', code: 'type' }] });
  });

  it('requires a field when its condition holds (a date range compares by its days)', () => {
    const long = validateForm(form, { type: 'other', reason: '探亲', leave: { start: '2026-11-30', end: '2026-12-03' } }, { today });
    expect(long).toEqual({ ok: false, errors: [{ key: 'proof', code: 'required', message: '请填写证明材料' }] });
    const short = validateForm(form, { type: 'other', reason: '探亲', leave: { start: '2026-11-30', end: '2026-12-02' } }, { today });
    expect(short.ok).toBe(true);
  });

  it('tells the phone what is shown and required now', () => {
    const state = evaluateForm(form, { type: 'other', leave: { start: '2026-11-30', end: '2026-12-03' } }, { today });
    expect([...state.visible].sort()).toEqual(['leave', 'note', 'proof', 'reason', 'type']);
    expect([...state.required].sort()).toEqual(['leave', 'proof', 'reason', 'type']);
    const empty = evaluateForm(form, {}, { today });
    expect([...empty.visible].sort()).toEqual(['leave', 'proof', 'type']);
  });

  it('hides a chain: a field shown by a hidden field is hidden too', () => {
    const chain = formSchema.parse({
      fields: [
        { key: 'a', label: 'A', type: 'switch' },
        { key: 'b', label: 'B', type: 'text', visibleWhen: { field: 'a', op: 'eq', value: true } },
        { key: 'c', label: 'C', type: 'text', required: true, visibleWhen: { field: 'b', op: 'notEmpty' } },
      ],
    });
    expect(validateForm(chain, { a: false, b: 'x', c: '' }, { today })).toEqual({ ok: true, values: { a: false } });
    expect(validateForm(chain, { a: true, b: 'x' }, { today })).toMatchObject({ ok: false, errors: [{ key: 'c', code: 'required' }] });
  });

  it('compares money as an amount and computed values in conditions', () => {
    const money = formSchema.parse({
      fields: [
        { key: 'amount', label: '金额', type: 'money' },
        { key: 'fee', label: '手续费', type: 'computed', formula: 'amount * 0.01', resultType: 'money' },
        { key: 'contract', label: '合同编号', type: 'text', requiredWhen: { field: 'amount', op: 'gte', value: 10000 } },
        { key: 'waiver', label: '减免说明', type: 'text', visibleWhen: { field: 'fee', op: 'gt', value: 50 } },
      ],
    });
    expect(validateForm(money, { amount: '9999.99' }, { today })).toEqual({ ok: true, values: { amount: '9999.99', fee: '100.00' } });
    expect(validateForm(money, { amount: '10000' }, { today })).toMatchObject({ ok: false, errors: [{ key: 'contract', code: 'required' }] });
    expect([...evaluateForm(money, { amount: '5000' }, { today }).visible]).not.toContain('waiver');
    expect([...evaluateForm(money, { amount: '5000.49' }, { today }).visible]).not.toContain('waiver'); // the fee rounds to 50.00
    expect([...evaluateForm(money, { amount: '5000.50' }, { today }).visible]).toContain('waiver');
  });
});

describe('cross-field rules', () => {
  const form = formSchema.parse({
    fields: [
      { key: 'startDate', label: '开始日期', labelEn: 'Start date', type: 'date' },
      { key: 'endDate', label: '结束日期', labelEn: 'End date', type: 'date' },
      { key: 'budget', label: '预算', type: 'money' },
      { key: 'spent', label: '已用', type: 'number' },
      { key: 'check', label: '核对', type: 'switch' },
    ],
    rules: [
      { field: 'endDate', op: 'gte', other: 'startDate', message: '结束日期不能早于开始日期' },
      { field: 'spent', op: 'lte', other: 'budget', message: '已用不能超过预算', messageEn: 'Spent cannot exceed the budget', when: { field: 'check', op: 'eq', value: true } },
    ],
  });

  it('checks a comparison when both fields have a value', () => {
    expect(validateForm(form, { startDate: '2026-11-24', endDate: '2026-11-24' }, { today }).ok).toBe(true);
    expect(validateForm(form, { startDate: '2026-11-24', endDate: '2026-11-23' }, { today })).toEqual({ ok: false, errors: [{ key: 'endDate', code: 'rule', message: '结束日期不能早于开始日期' }] });
    expect(validateForm(form, { endDate: '2026-11-23' }, { today }).ok).toBe(true);
  });

  it('words a rule in English from the labels when it has no English message', () => {
    expect(validateForm(form, { startDate: '2026-11-24', endDate: '2026-11-23' }, { today, locale: 'en' })).toMatchObject({ errors: [{ message: 'End date must be on or after Start date' }] });
  });

  it('compares money and numbers exactly, and only when its condition holds', () => {
    expect(validateForm(form, { budget: '0.30', spent: 0.1 + 0.2, check: true }, { today })).toMatchObject({ ok: false, errors: [{ key: 'spent', code: 'rule' }] });
    expect(validateForm(form, { budget: '0.30', spent: 0.3, check: true }, { today }).ok).toBe(true);
    expect(validateForm(form, { budget: '0.30', spent: 5, check: false }, { today }).ok).toBe(true);
    expect(validateForm(form, { budget: '0.30', spent: 5, check: true }, { today, locale: 'en' })).toMatchObject({ errors: [{ message: 'Spent cannot exceed the budget' }] });
  });
});

describe('messages in English', () => {
  it('uses labelEn and the English table, with the same codes', () => {
    const form = formSchema.parse({
      fields: [
        { key: 'name', label: '姓名', labelEn: 'Name', type: 'text', required: true },
        { key: 'kind', label: '类别', type: 'select', required: true, options: [{ value: 'a', label: '甲' }] },
        { key: 'count', label: '人数', labelEn: 'Headcount', type: 'number', max: 9 },
      ],
    });
    const zh = validateForm(form, { count: 10 }, { today });
    const en = validateForm(form, { count: 10 }, { today, locale: 'en' });
    expect(zh.ok === false && zh.errors.map((e) => e.message)).toEqual(['请填写姓名', '请选择类别', '人数不能大于 9']);
    expect(en.ok === false && en.errors.map((e) => e.message)).toEqual(['Please fill in Name', 'Please choose 类别', 'Headcount must be at most 9']);
    expect(en.ok === false && en.errors.map((e) => e.code)).toEqual(zh.ok === false && zh.errors.map((e) => e.code));
  });
});

describe('any input', () => {
  const form = formSchema.parse({
    fields: [
      { key: 'constructor', label: '名称', type: 'text', required: true },
      { key: 'kind', label: '类型', type: 'radio', options: [{ value: 'x', label: 'X' }] },
      { key: 'amount', label: '金额', type: 'money', visibleWhen: { field: 'kind', op: 'eq', value: 'x' } },
      { key: 'range', label: '日期', type: 'dateRange' },
      { key: 'items', label: '明细', type: 'table', columns: [{ key: 'v', label: '值', type: 'number' }, { key: 'ok', label: '是否', type: 'switch' }] },
      { key: 'total', label: '合计', type: 'computed', formula: '(sum(items.v) + amount) / days(range)' },
      { key: 'files', label: '附件', type: 'attachment' },
      { key: 'who', label: '人员', type: 'person', multiple: true },
      { key: 'tags', label: '标签', type: 'checkbox', options: [{ value: 'x', label: 'X' }] },
    ],
    rules: [{ field: 'amount', op: 'lte', other: 'total', message: '不对' }],
  });

  it('reads an inherited property name as no value', () => {
    expect(validateForm(form, {}, { today })).toMatchObject({ ok: false, errors: [{ key: 'constructor', code: 'required' }] });
  });

  it('never throws, and returns only known keys with well-formed errors (property)', () => {
    const value = fc.oneof(fc.anything(), fc.record({ start: fc.string(), end: fc.string() }), fc.array(fc.record({ v: fc.anything(), ok: fc.anything() })));
    const input = fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom('constructor', 'kind', 'amount', 'range', 'items', 'total', 'files', 'who', 'tags', 'other'), value));
    fc.assert(
      fc.property(input, fc.constantFrom('zh-CN' as const, 'en' as const), (raw, locale) => {
        const result = validateForm(form, raw, { today, locale });
        if (result.ok) for (const key of Object.keys(result.values)) expect(form.fields.map((f) => f.key)).toContain(key);
        else for (const error of result.errors) expect(error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

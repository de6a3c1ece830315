import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPattern } from './pattern.ts';
import { formSchema, type FormDefinitionInput } from './schema.ts';

/** The problems formSchema finds, as "path: message". */
function problems(definition: FormDefinitionInput | Record<string, unknown>): string[] {
  const result = formSchema.safeParse(definition);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}
const expectRefused = (definition: FormDefinitionInput | Record<string, unknown>, fragment: string) => expect(problems(definition).join('\n')).toContain(fragment);

const numberField = (key: string) => ({ key, label: key, type: 'number' as const });
const items = {
  key: 'items',
  label: '明细',
  type: 'table' as const,
  columns: [
    { key: 'what', label: '项目', type: 'text' as const },
    { key: 'amount', label: '金额', type: 'money' as const },
  ],
};

// The leave form of the demo services, as the hall seeds it: every existing definition stays valid.
const leaveForm: FormDefinitionInput = {
  fields: [
    { key: 'leaveType', type: 'radio', label: '请假类型', required: true, options: [{ value: 'sick', label: '病假' }, { value: 'personal', label: '事假' }, { value: 'other', label: '其他' }] },
    { key: 'startDate', type: 'date', label: '开始日期', required: true, min: 'today' },
    { key: 'endDate', type: 'date', label: '结束日期', required: true, min: 'today' },
    { key: 'days', type: 'number', label: '请假天数', required: true, integer: true, min: 1, max: 60, help: '超过 3 天须学院负责人审批' },
    { key: 'destination', type: 'text', label: '去向', required: true, maxLength: 100 },
    { key: 'reason', type: 'textarea', label: '请假事由', required: true, maxLength: 500 },
  ],
};

describe('definitions', () => {
  it('accepts the existing definitions, and parsing a parsed definition changes nothing', () => {
    const parsed = formSchema.parse(leaveForm);
    expect(formSchema.parse(parsed)).toEqual(parsed);
    expect(parsed.fields[4]).toEqual({ key: 'destination', type: 'text', label: '去向', required: true, maxLength: 100 });
  });

  it('accepts a definition using every type, condition, rule and formula', () => {
    const everything: FormDefinitionInput = {
      fields: [
        { key: 'kind', label: '类型', type: 'radio', options: [{ value: 'a', label: '甲' }, { value: 'other', label: '其他' }] },
        { key: 'reason', label: '原因', type: 'text', visibleWhen: { field: 'kind', op: 'eq', value: 'other' }, requiredWhen: { field: 'kind', op: 'eq', value: 'other' } },
        { key: 'leave', label: '请假时间', type: 'dateRange', maxDays: 30 },
        { key: 'start', label: '开始时间', type: 'time' },
        { key: 'end', label: '结束时间', type: 'time' },
        items,
        { key: 'total', label: '合计', type: 'computed', formula: 'sum(items.amount) + days(leave) * 100', resultType: 'money' },
        { key: 'name', label: '姓名', type: 'text', prefill: 'person.name' },
        { key: 'dept', label: '部门', type: 'department', prefill: 'person.department' },
        { key: 'tags', label: '标签', type: 'checkbox', options: [{ value: 'x', label: 'X' }], prefill: 'last' },
        { key: 'who', label: '经办人', type: 'person', multiple: true },
        { key: 'id', label: '身份证号', type: 'idNumber' },
        { key: 'files', label: '附件', type: 'attachment', accept: ['pdf'] },
        { key: 'photos', label: '照片', type: 'image' },
        { key: 'sign', label: '签名', type: 'signature' },
        { key: 'agree', label: '我已阅读并同意', type: 'switch', required: true },
        { key: 'note', label: '说明', type: 'description', content: '**请如实填写**' },
        { key: 'tip', label: '高额提示', type: 'description', content: '超过一万元须附合同', visibleWhen: { field: 'total', op: 'gt', value: 10000 } },
      ],
      rules: [{ field: 'end', op: 'gt', other: 'start', message: '结束时间须晚于开始时间' }],
    };
    expect(problems(everything)).toEqual([]);
  });

  it('refuses duplicate keys, in the form and inside a table', () => {
    expectRefused({ fields: [numberField('a'), numberField('a')] }, 'fields.1.key: duplicate field key a');
    expectRefused({ fields: [{ ...items, columns: [...items.columns, { key: 'amount', label: '又一个', type: 'number' }] }] }, 'fields.0.columns.2.key: duplicate column key amount in table items');
    expectRefused({ fields: [{ key: 's', label: 's', type: 'select', options: [{ value: 'a', label: 'A' }, { value: 'a', label: 'B' }] }] }, 'two options have the same value');
  });

  it('refuses a rule or condition naming a field the form does not have, or a description', () => {
    expectRefused({ fields: [numberField('a')], rules: [{ field: 'a', op: 'lt', other: 'b', message: 'x' }] }, 'rules.0: names field "b", which the form does not have');
    expectRefused({ fields: [{ ...numberField('a'), visibleWhen: { field: 'nope', op: 'empty' } }] }, 'fields.0.visibleWhen: names field "nope"');
    expectRefused({ fields: [numberField('a'), { ...numberField('b'), requiredWhen: { all: [{ field: 'a', op: 'gt', value: 1 }, { not: { field: 'c', op: 'empty' } }] } }] }, 'names field "c"');
    expectRefused({ fields: [{ key: 'd', label: 'd', type: 'description', content: 'x' }, { ...numberField('a'), visibleWhen: { field: 'd', op: 'notEmpty' } }] }, 'a description, which has no value');
    expectRefused({ fields: [numberField('a'), { ...numberField('b'), visibleWhen: { field: 'a', op: 'gt' } }] }, '"gt" on "a" needs a value');
  });

  it('refuses rules comparing fields of different kinds', () => {
    expectRefused({ fields: [numberField('a'), { key: 'd', label: 'd', type: 'date' }], rules: [{ field: 'a', op: 'lt', other: 'd', message: 'x' }] }, 'cannot compare number "a" with date "d"');
    expect(problems({ fields: [numberField('a'), { key: 'm', label: 'm', type: 'money' }], rules: [{ field: 'a', op: 'lt', other: 'm', message: 'x' }] })).toEqual([]);
  });

  it('refuses formulas that do not parse or name unknown or non-numeric fields, at definition time', () => {
    const computed = (formula: string) => ({ key: 'c', label: 'c', type: 'computed' as const, formula });
    const base = [numberField('a'), { key: 't', label: 't', type: 'text' as const }, { key: 'r', label: 'r', type: 'dateRange' as const }, items];
    expectRefused({ fields: [...base, computed('a + unknown')] }, 'fields.4.formula: formula: unknown field "unknown"');
    expectRefused({ fields: [...base, computed('a * t')] }, '"t" is a text field');
    expectRefused({ fields: [...base, computed('r + 1')] }, 'use days(r)');
    expectRefused({ fields: [...base, computed('items + 1')] }, 'use sum(items.column)');
    expectRefused({ fields: [...base, computed('days(a)')] }, 'days() needs a date range');
    expectRefused({ fields: [...base, computed('sum(items.what)')] }, 'column "items.what" is not a number or money column');
    expectRefused({ fields: [...base, computed('sum(items.nope)')] }, 'table "items" has no column "nope"');
    expectRefused({ fields: [...base, computed('sum(a.b)')] }, 'sum() needs a table column');
    expectRefused({ fields: [...base, computed('a +')] }, 'formula: formula ends too early');
    expectRefused({ fields: [...base, computed('pow(a)')] }, 'unknown function "pow"');
  });

  it('refuses circular formulas and conditions', () => {
    expectRefused(
      { fields: [{ key: 'x', label: 'x', type: 'computed', formula: 'y + 1' }, { key: 'y', label: 'y', type: 'computed', formula: 'z * 2' }, { key: 'z', label: 'z', type: 'computed', formula: 'x' }] },
      'circular dependency: x → y → z → x',
    );
    expectRefused({ fields: [{ key: 'x', label: 'x', type: 'computed', formula: 'x + 1' }] }, 'circular dependency: x → x');
    expectRefused({ fields: [{ ...numberField('a'), visibleWhen: { field: 'b', op: 'empty' } }, { ...numberField('b'), visibleWhen: { field: 'a', op: 'empty' } }] }, 'circular dependency: a → b → a');
    expectRefused({ fields: [{ ...numberField('a'), requiredWhen: { field: 'a', op: 'empty' } }] }, 'depends on its own field "a"');
    expectRefused(
      { fields: [numberField('n'), { key: 'c', label: 'c', type: 'computed', formula: 'n * 2' }, { ...numberField('m'), visibleWhen: { field: 'c', op: 'gt', value: 1 } }, { key: 'd', label: 'd', type: 'computed', formula: 'm', visibleWhen: { field: 'd', op: 'gt', value: 0 } }] },
      'depends on its own field "d"',
    );
  });

  it('refuses inconsistent bounds and money bounds with more than two decimals', () => {
    expectRefused({ fields: [{ key: 't', label: 't', type: 'text', minLength: 20, maxLength: 10 }] }, 'minLength is greater than maxLength');
    expectRefused({ fields: [{ ...numberField('n'), min: 5, max: 1 }] }, 'min is greater than max');
    expectRefused({ fields: [{ key: 'm', label: 'm', type: 'money', max: 10.005 }] }, 'money bound 10.005');
    expectRefused({ fields: [{ key: 'd', label: 'd', type: 'dateRange', min: '2026-12-01', max: '2026-11-01' }] }, 'min is after max');
    expectRefused({ fields: [{ key: 'h', label: 'h', type: 'time', min: '18:00', max: '08:00' }] }, 'min is after max');
    expectRefused({ fields: [{ ...items, minRows: 10, maxRows: 5 }] }, 'minRows is greater than maxRows');
    expectRefused({ fields: [{ key: 'c', label: 'c', type: 'checkbox', options: [{ value: 'a', label: 'A' }], minItems: 3, maxItems: 2 }] }, 'minItems is greater than maxItems');
    expectRefused({ fields: [{ key: 'f', label: 'f', type: 'attachment', minFiles: 3, maxFiles: 2 }] }, 'minFiles is greater than maxFiles');
    expectRefused({ fields: [{ key: 'h', label: 'h', type: 'time', min: '8:00' }] }, 'a time of day, HH:mm');
  });

  it('refuses prefill sources that do not fit the field', () => {
    expectRefused({ fields: [{ ...numberField('n'), prefill: 'person.name' }] }, 'a number field cannot be prefilled from person.name');
    expectRefused({ fields: [{ key: 's', label: 's', type: 'signature', prefill: 'last' }] }, 'cannot be prefilled from last');
    expect(problems({ fields: [{ key: 'p', label: 'p', type: 'phone', prefill: 'person.phone' }, { key: 'n', label: 'n', type: 'number', prefill: 'last' }] })).toEqual([]);
    expect(problems({ fields: [{ ...numberField('n'), prefill: 'person.age' }] }).length).toBe(1);
  });

  it('refuses table columns of non-simple types, and conditions inside tables', () => {
    expect(problems({ fields: [{ ...items, columns: [{ key: 'f', label: 'f', type: 'attachment' }] }] }).length).toBeGreaterThan(0);
    expect(problems({ fields: [{ ...items, columns: [{ key: 'x', label: 'x', type: 'table', columns: items.columns }] }] }).length).toBeGreaterThan(0);
    const parsed = formSchema.parse({ fields: [{ ...items, columns: [{ key: 'x', label: 'x', type: 'text', visibleWhen: { field: 'y', op: 'empty' } }] }] });
    expect(parsed.fields[0]).toMatchObject({ columns: [{ key: 'x' }] });
    expect('visibleWhen' in (parsed.fields[0] as { columns: object[] }).columns[0]!).toBe(false);
  });

  it('refuses dangerous and invalid patterns', () => {
    const withPattern = (regex: string) => ({ fields: [{ key: 't', label: 't', type: 'text', pattern: { regex, message: '格式不对' } }] });
    expect(problems(withPattern('[A-Z]{2}\\d{6}'))).toEqual([]);
    expectRefused(withPattern('(a+)+b'), 'exponential time');
    expectRefused(withPattern('(\\d|x)*'), 'exponential time');
    expectRefused(withPattern('(a)\\1'), 'back-references');
    expectRefused(withPattern('[a-'), 'not a valid regular expression');
    expectRefused(withPattern('a'.repeat(201)), '1 to 200 characters');
  });
});

describe('pattern safety', () => {
  it('allows the patterns forms need', () => {
    for (const ok of ['\\d{6}', '[\\u4e00-\\u9fa5]{2,10}', '(\\d{3}-)?\\d{8}', '(\\d{3}-){2}\\d{4}', '[A-Z]+(?:-[0-9]+)?', 'a|b', '(?<year>\\d{4})年']) expect(checkPattern(ok), ok).toBeNull();
  });

  it('refuses nested or alternating repetition, in any nesting', () => {
    for (const bad of ['(a*)*', '(a+){2,}', '((ab)+)+', '(a|ab)+', '(?:x|y)*z', '((a|b)c)*', '(a?){10}', '([a-z]+\\.)*com']) expect(checkPattern(bad), bad).not.toBeNull();
  });

  it('finishes quickly on every accepted pattern built from risky pieces (property)', () => {
    const piece = fc.constantFrom('a', 'a*', 'a+', 'a?', '(a)', '(a+)', '(a|b)', '[ab]+', '\\d{2}', '(?:ab)');
    const quantifier = fc.constantFrom('', '*', '+', '?', '{2}', '{1,3}', '{2,}');
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, quantifier), { minLength: 1, maxLength: 4 }), (parts) => {
        const source = parts.map(([p, q]) => (q && !p.startsWith('(') && p.length > 1 ? `(?:${p})${q}` : `${p}${q}`)).join('');
        if (checkPattern(source) !== null) return;
        const started = performance.now();
        new RegExp(`^(?:${source})$`, 'u').test(`${'a'.repeat(60)}!`);
        expect(performance.now() - started, source).toBeLessThan(200);
      }),
    );
  });
});

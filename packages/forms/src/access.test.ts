import { describe, expect, it } from 'vitest';
import { resolveFieldAccess } from './access.ts';
import { prefillValues } from './prefill.ts';
import { formSchema } from './schema.ts';
import { validateForm } from './validate.ts';

const today = '2026-11-24';
const form = formSchema.parse({
  fields: [
    { key: 'amount', label: '金额', type: 'money', required: true },
    { key: 'approved', label: '核定金额', type: 'money', required: true },
    { key: 'idCard', label: '身份证号', type: 'idNumber' },
    { key: 'remark', label: '审核备注', type: 'text', visibleWhen: { field: 'approved', op: 'lt', value: 1000 } },
    { key: 'ratio', label: '核定比例', type: 'computed', formula: 'approved / amount', decimals: 2 },
    { key: 'note', label: '说明', type: 'description', content: '审核人填写核定金额' },
  ],
  rules: [{ field: 'approved', op: 'lte', other: 'amount', message: '核定金额不能超过申请金额' }],
});

describe('field permissions at an approval step', () => {
  it('resolves hidden, read and write; unnamed fields are read-only, computed and descriptions never writable', () => {
    expect(resolveFieldAccess(form, { approved: 'write', remark: 'write', idCard: 'hidden', ratio: 'write', note: 'write', ghost: 'write' })).toEqual({
      access: { amount: 'read', approved: 'write', idCard: 'hidden', remark: 'write', ratio: 'read', note: 'read' },
      visible: ['amount', 'approved', 'remark', 'ratio', 'note'],
      writable: ['approved', 'remark'],
    });
    expect(resolveFieldAccess(form, undefined).writable).toEqual([]);
  });

  it('validates only the writable fields, with the stored values for conditions and rules', () => {
    const { writable } = resolveFieldAccess(form, { approved: 'write', remark: 'write' });
    const current = { amount: '1500.00', approved: '1500.00', idCard: 'not checked again' };
    expect(validateForm(form, { approved: '800', remark: ' 部分票据无效 ', amount: '1' }, { today, writable, current })).toEqual({ ok: true, values: { approved: '800.00', remark: '部分票据无效' } });
    // remark is hidden once approved ≥ 1000: it is dropped, not checked.
    expect(validateForm(form, { approved: '1200', remark: 12 }, { today, writable, current })).toEqual({ ok: true, values: { approved: '1200.00' } });
    expect(validateForm(form, { approved: '2000' }, { today, writable, current })).toEqual({ ok: false, errors: [{ key: 'approved', code: 'rule', message: '核定金额不能超过申请金额' }] });
    expect(validateForm(form, {}, { today, writable, current })).toMatchObject({ ok: false, errors: [{ key: 'approved', code: 'required' }] });
    // A rule whose first field is read-only reports on the writable side.
    const reversed = formSchema.parse({ ...form, rules: [{ field: 'amount', op: 'gte', other: 'approved', message: '申请金额须不低于核定金额' }] });
    expect(validateForm(reversed, { approved: '2000' }, { today, writable, current })).toEqual({ ok: false, errors: [{ key: 'approved', code: 'rule', message: '申请金额须不低于核定金额' }] });
  });

  it('without writable fields checks nothing the approver sent', () => {
    expect(validateForm(form, { amount: 'nonsense' }, { today, writable: [], current: { amount: '10.00' } })).toEqual({ ok: true, values: {} });
  });
});

describe('prefill', () => {
  const prefillForm = formSchema.parse({
    fields: [
      { key: 'name', label: '姓名', type: 'text', prefill: 'person.name' },
      { key: 'number', label: '学号', type: 'text', prefill: 'person.number' },
      { key: 'dept', label: '学院', type: 'department', prefill: 'person.department' },
      { key: 'deptName', label: '学院名称', type: 'text', prefill: 'person.department' },
      { key: 'className', label: '班级', type: 'text', prefill: 'person.class' },
      { key: 'phone', label: '电话', type: 'phone', prefill: 'person.phone' },
      { key: 'room', label: '宿舍', type: 'text', prefill: 'last' },
      { key: 'kind', label: '类型', type: 'select', options: [{ value: 'a', label: 'A' }], prefill: 'last' },
      { key: 'start', label: '开始日期', type: 'date', min: 'today', prefill: 'last' },
      { key: 'reason', label: '事由', type: 'text' },
    ],
  });
  const deptId = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
  const person = { name: '张三', number: '2026010101', department: { id: deptId, name: '计算机学院' }, class: { name: '计科 2601' }, phone: '13800138000' };

  it('fills from the person and the last application', () => {
    expect(prefillValues(prefillForm, { person, last: { room: '东 3-201', kind: 'a', start: '2026-12-01', reason: '不预填' } }, { today })).toEqual({
      name: '张三',
      number: '2026010101',
      dept: deptId,
      deptName: '计算机学院',
      className: '计科 2601',
      phone: '13800138000',
      room: '东 3-201',
      kind: 'a',
      start: '2026-12-01',
    });
  });

  it('leaves out what would not pass the field’s own check, and what is unknown', () => {
    expect(prefillValues(prefillForm, { person: { name: '李四', phone: '010-1234' }, last: { kind: 'removed-option', start: '2026-01-01', room: '' } }, { today })).toEqual({ name: '李四' });
    expect(prefillValues(prefillForm, {})).toEqual({});
    expect(prefillValues(prefillForm, { last: { toString: 'x' } as Record<string, unknown> })).toEqual({});
  });
});

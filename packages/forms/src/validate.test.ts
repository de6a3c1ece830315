import { describe, expect, it } from 'vitest';
import { formSchema, type FormDefinition } from './schema.ts';
import { todayInShanghai, validateForm } from './validate.ts';

const form: FormDefinition = formSchema.parse({
  fields: [
    { key: 'siteName', type: 'text', label: '网站名称', required: true, maxLength: 10 },
    { key: 'siteUrl', type: 'url', label: '网站地址', required: true },
    { key: 'changeType', type: 'select', label: '变更类型', required: true, options: [{ value: 'content', label: '内容变更' }] },
    { key: 'date', type: 'date', label: '期望日期', min: 'today' },
    { key: 'phone', type: 'phone', label: '联系电话' },
    { key: 'count', type: 'number', label: '数量', integer: true, min: 1, max: 9 },
    { key: 'email', type: 'email', label: '邮箱' },
  ],
});
const today = '2026-11-24';

describe('validateForm', () => {
  it('accepts good values, trims text and drops unknown keys', () => {
    const result = validateForm(form, { siteName: ' 学院官网 ', siteUrl: 'https://www.example.edu.cn', changeType: 'content', date: '2026-11-30', phone: '13800138000', count: '3', extra: 'x' }, { today });
    expect(result).toEqual({ ok: true, values: { siteName: '学院官网', siteUrl: 'https://www.example.edu.cn', changeType: 'content', date: '2026-11-30', phone: '13800138000', count: 3 } });
  });

  it('names every problem with a code and a Chinese message', () => {
    const result = validateForm(form, { siteName: '一二三四五六七八九十十一', siteUrl: 'javascript:alert(1)', changeType: 'other', date: '2026-11-23', phone: '12345', count: 1.5, email: 'a@b' }, { today });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.key, e.code])).toEqual([
      ['siteName', 'tooLong'], ['siteUrl', 'format'], ['changeType', 'option'], ['date', 'dateTooEarly'], ['phone', 'format'], ['count', 'notInteger'], ['email', 'format'],
    ]);
    expect(result.errors[0]?.message).toBe('网站名称不能超过 10 个字');
  });

  it('requires required fields, and treats whitespace as blank', () => {
    const result = validateForm(form, { siteName: '   ' }, { today });
    expect(result.ok === false && result.errors.map((e) => e.message)).toEqual(['请填写网站名称', '请填写网站地址', '请选择变更类型']);
  });

  it('rejects impossible dates and non-object input', () => {
    const bad = validateForm(form, { siteName: 'a', siteUrl: 'http://a.cn', changeType: 'content', date: '2026-02-30' }, { today });
    expect(bad.ok === false && bad.errors[0]?.code).toBe('format');
    expect(validateForm(form, 'nope', { today }).ok).toBe(false);
  });

  it('gives the date in Asia/Shanghai', () => {
    expect(todayInShanghai(new Date('2026-11-24T16:30:00Z'))).toBe('2026-11-25');
  });

  it('refuses a definition with duplicate keys', () => {
    expect(formSchema.safeParse({ fields: [{ key: 'a', type: 'text', label: 'A' }, { key: 'a', type: 'text', label: 'B' }] }).success).toBe(false);
  });
});

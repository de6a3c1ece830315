import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from './id-number.ts';
import { formSchema, type FormDefinitionInput } from './schema.ts';
import { validateForm, type ValidateOptions } from './validate.ts';

const today = '2026-11-24';
type FieldInput = Omit<FormDefinitionInput['fields'][number], 'key' | 'label'> & Record<string, unknown>;

/** Validates one value of one field: its normalised value, or its error codes and first message. */
function check(field: FieldInput, value: unknown, options: Partial<ValidateOptions> = {}) {
  const form = formSchema.parse({ fields: [{ key: 'f', label: '字段', labelEn: 'Field', ...field }] });
  const result = validateForm(form, value === undefined ? {} : { f: value }, { today, ...options });
  return result.ok ? { value: result.values.f } : { codes: result.errors.map((e) => e.code), message: result.errors[0]!.message };
}
const accepts = (field: FieldInput, value: unknown, stored: unknown = value) => expect(check(field, value)).toEqual({ value: stored });
const refuses = (field: FieldInput, value: unknown, code: string) => expect(check(field, value), JSON.stringify(value)).toMatchObject({ codes: [code] });

const person1 = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const person2 = 'a3bb189e-8bf9-3888-9912-ace4e6543002';
const file = (name: string, size = 1000, type = 'application/pdf', id = '9b2c7e4a-1f3d-4c5b-8a6e-2d1f0c9b8a71') => ({ id, name, size, type });
const idNumber = (first17: string) => first17 + idNumberCheckChar(first17);

describe('text and textarea', () => {
  it('trims, counts characters not bytes, and applies lengths', () => {
    accepts({ type: 'text' }, '  你好  ', '你好');
    accepts({ type: 'text', maxLength: 2 }, '𠀀𠀀', '𠀀𠀀');
    refuses({ type: 'text', maxLength: 2 }, '一二三', 'tooLong');
    refuses({ type: 'textarea', minLength: 10 }, '太短', 'tooShort');
    refuses({ type: 'text' }, 12, 'type');
  });

  it('applies a pattern to the whole value, with the author’s message', () => {
    const plate = { type: 'text', pattern: { regex: '[A-Z]{2}\\d{4}', message: '车牌格式为两个大写字母加四位数字', messageEn: 'Two capitals and four digits' } } as const;
    accepts(plate, 'AB1234');
    expect(check(plate, 'xAB1234')).toEqual({ codes: ['pattern'], message: '车牌格式为两个大写字母加四位数字' });
    expect(check(plate, 'AB12345', { locale: 'en' })).toEqual({ codes: ['pattern'], message: 'Two capitals and four digits' });
    expect(check({ type: 'text', pattern: { regex: '\\d+', message: '只能填数字' } }, 'a', { locale: 'en' })).toEqual({ codes: ['pattern'], message: 'Field is not in the required format' });
  });
});

describe('number and money', () => {
  it('keeps the existing number behaviour', () => {
    accepts({ type: 'number' }, '3', 3);
    accepts({ type: 'number' }, -1.5);
    refuses({ type: 'number', integer: true }, 1.5, 'notInteger');
    refuses({ type: 'number', min: 1 }, 0, 'tooSmall');
    refuses({ type: 'number', max: 9 }, '10', 'tooLarge');
    refuses({ type: 'number' }, 'abc', 'type');
    refuses({ type: 'number' }, Number.POSITIVE_INFINITY, 'type');
  });

  it('stores money as a two-decimal string', () => {
    accepts({ type: 'money' }, '1234.5', '1234.50');
    accepts({ type: 'money' }, 99, '99.00');
    accepts({ type: 'money' }, '1,000', '1000.00');
    accepts({ type: 'money', max: 5000 }, '5000.00', '5000.00');
    refuses({ type: 'money' }, '12.345', 'tooPrecise');
    refuses({ type: 'money' }, 0.1 + 0.2, 'tooPrecise');
    refuses({ type: 'money' }, '十元', 'format');
    refuses({ type: 'money', max: 5000 }, '5000.01', 'tooLarge');
    refuses({ type: 'money', min: 0.5 }, '0.49', 'tooSmall');
    expect(check({ type: 'money' }, '12.345')).toMatchObject({ message: '字段最多保留两位小数' });
  });

  it('refuses negative amounts unless min allows them', () => {
    refuses({ type: 'money' }, '-1', 'tooSmall');
    accepts({ type: 'money', min: -100 }, '-1', '-1.00');
  });
});

describe('date, time and date range', () => {
  it('keeps the date behaviour, with today as a bound', () => {
    accepts({ type: 'date', min: 'today' }, '2026-11-24');
    refuses({ type: 'date', min: 'today' }, '2026-11-23', 'dateTooEarly');
    refuses({ type: 'date', max: '2026-12-31' }, '2027-01-01', 'dateTooLate');
    refuses({ type: 'date' }, '2026-02-29', 'format');
  });

  it('takes times as HH:mm within bounds', () => {
    accepts({ type: 'time' }, '9:30', '09:30');
    accepts({ type: 'time', min: '08:00', max: '22:00' }, '22:00');
    refuses({ type: 'time', min: '08:00' }, '07:59', 'timeTooEarly');
    refuses({ type: 'time', max: '22:00' }, '22:01', 'timeTooLate');
    refuses({ type: 'time' }, '25:00', 'format');
    expect(check({ type: 'time' }, 'noon')).toMatchObject({ message: '字段应为“时:分”，如 09:30' });
  });

  it('counts a date range inclusive and ignores a submitted day count', () => {
    accepts({ type: 'dateRange' }, { start: '2026-11-30', end: '2026-12-02', days: 99 }, { start: '2026-11-30', end: '2026-12-02', days: 3 });
    accepts({ type: 'dateRange' }, { start: '2026-12-31', end: '2026-12-31' }, { start: '2026-12-31', end: '2026-12-31', days: 1 });
    accepts({ type: 'dateRange', min: 'today', maxDays: 3 }, { start: '2026-11-24', end: '2026-11-26' }, { start: '2026-11-24', end: '2026-11-26', days: 3 });
  });

  it('refuses a range that ends before it starts, is too long or leaves its bounds', () => {
    refuses({ type: 'dateRange' }, { start: '2026-11-25', end: '2026-11-24' }, 'endBeforeStart');
    refuses({ type: 'dateRange', maxDays: 3 }, { start: '2026-11-24', end: '2026-11-27' }, 'tooManyDays');
    refuses({ type: 'dateRange', min: 'today' }, { start: '2026-11-23', end: '2026-11-27' }, 'dateTooEarly');
    refuses({ type: 'dateRange', max: '2026-12-31' }, { start: '2026-12-30', end: '2027-01-01' }, 'dateTooLate');
    refuses({ type: 'dateRange' }, { start: '2026-11-24' }, 'format');
    refuses({ type: 'dateRange' }, { start: '2026-11-24', end: '2026-11-31' }, 'format');
    refuses({ type: 'dateRange' }, '2026-11-24', 'type');
    expect(check({ type: 'dateRange', maxDays: 3 }, { start: '2026-11-24', end: '2026-11-27' })).toMatchObject({ message: '字段不能超过 3 天' });
  });

  it('treats a range with neither end as blank', () => {
    expect(check({ type: 'dateRange', required: true }, { start: '', end: '' })).toEqual({ codes: ['required'], message: '请选择字段' });
    expect(check({ type: 'dateRange' }, { start: '', end: '' })).toEqual({ value: undefined });
  });
});

describe('choices', () => {
  const options = [
    { value: 'a', label: '甲' },
    { value: 'b', label: '乙' },
    { value: 'c', label: '丙' },
  ];

  it('keeps select and radio', () => {
    accepts({ type: 'select', options }, 'b');
    refuses({ type: 'radio', options }, 'z', 'option');
  });

  it('stores multiple choices once each, in option order', () => {
    accepts({ type: 'multiSelect', options }, ['c', 'a', 'c'], ['a', 'c']);
    accepts({ type: 'checkbox', options, minItems: 2, maxItems: 2 }, ['b', 'a'], ['a', 'b']);
    refuses({ type: 'checkbox', options }, ['a', 'z'], 'option');
    refuses({ type: 'checkbox', options, minItems: 2 }, ['a'], 'tooFew');
    refuses({ type: 'multiSelect', options, maxItems: 1 }, ['a', 'b'], 'tooMany');
    refuses({ type: 'multiSelect', options }, 'a', 'type');
    refuses({ type: 'multiSelect', options }, ['a', 1], 'type');
    expect(check({ type: 'checkbox', options, required: true }, [])).toEqual({ codes: ['required'], message: '请选择字段' });
  });

  it('takes a switch as a boolean; a required switch must be on', () => {
    accepts({ type: 'switch' }, true);
    accepts({ type: 'switch' }, 'false', false);
    accepts({ type: 'switch' }, undefined, false);
    refuses({ type: 'switch' }, 'yes', 'type');
    expect(check({ type: 'switch', required: true }, false)).toEqual({ codes: ['required'], message: '请确认字段' });
    expect(check({ type: 'switch', required: true }, undefined)).toEqual({ codes: ['required'], message: '请确认字段' });
  });
});

describe('people and departments', () => {
  it('takes one id, or a list when multiple, in lower case and once each', () => {
    accepts({ type: 'person' }, person1.toUpperCase(), person1);
    accepts({ type: 'person', multiple: true }, [person1, person2, person1], [person1, person2]);
    accepts({ type: 'department', multiple: true }, [person2], [person2]);
    refuses({ type: 'person' }, 'zhangsan', 'format');
    refuses({ type: 'person' }, [person1], 'format');
    refuses({ type: 'person', multiple: true }, person1, 'type');
    refuses({ type: 'department', multiple: true }, [person1, 'x'], 'format');
    refuses({ type: 'person', multiple: true, maxItems: 1 }, [person1, person2], 'tooMany');
    expect(check({ type: 'department' }, 'x')).toMatchObject({ message: '字段中有无效的部门' });
  });
});

describe('contacts and ID numbers', () => {
  it('keeps phone, email and url', () => {
    accepts({ type: 'phone' }, ' 13800138000 ', '13800138000');
    refuses({ type: 'phone' }, '12800138000', 'format');
    accepts({ type: 'email' }, 'a@b.cn');
    refuses({ type: 'email' }, 'a@b', 'format');
    accepts({ type: 'url' }, 'https://example.edu.cn/x');
    refuses({ type: 'url' }, 'ftp://example.edu.cn', 'format');
  });

  it('checks the GB 11643 check character and the birth date; stores X in upper case', () => {
    accepts({ type: 'idNumber' }, '11010519491231002x', '11010519491231002X');
    accepts({ type: 'idNumber' }, idNumber('44030420000229123'));
    refuses({ type: 'idNumber' }, '110105194912310021', 'format');
    refuses({ type: 'idNumber' }, idNumber('44030420010229123'), 'format'); // 2001-02-29 did not exist
    refuses({ type: 'idNumber' }, '1101051949123100', 'format');
    expect(check({ type: 'idNumber' }, '123')).toMatchObject({ message: '字段不是有效的身份证号' });
  });
});

describe('attachments, images and signatures', () => {
  it('keeps the four properties of each file, once each', () => {
    const a = { ...file('申请表.PDF'), url: 'http://evil.example/x' };
    accepts({ type: 'attachment', accept: ['.pdf', 'docx'] }, [a, a], [file('申请表.PDF')]);
  });

  it('refuses too many, too large, unaccepted and malformed files', () => {
    const other = file('b.pdf', 10, 'application/pdf', '1b4e28ba-2fa1-11d2-883f-0016d3cca427');
    refuses({ type: 'attachment', maxFiles: 1 }, [file('a.pdf'), other], 'tooMany');
    refuses({ type: 'attachment', minFiles: 2 }, [file('a.pdf')], 'tooFew');
    refuses({ type: 'attachment', maxSizeMb: 1 }, [file('a.pdf', 1024 * 1024 + 1)], 'fileTooLarge');
    refuses({ type: 'attachment', accept: ['pdf'] }, [file('a.exe')], 'fileType');
    refuses({ type: 'attachment' }, [{ id: 'x', name: 'a.pdf', size: 1, type: 'application/pdf' }], 'format');
    refuses({ type: 'attachment' }, [{ ...file('a.pdf'), size: -1 }], 'format');
    refuses({ type: 'attachment' }, file('a.pdf'), 'type');
    expect(check({ type: 'attachment', accept: ['pdf', 'doc'] }, [file('a.exe')])).toMatchObject({ message: '字段不接受“a.exe”，请上传 pdf、doc 文件' });
    expect(check({ type: 'attachment', maxSizeMb: 1 }, [file('a.pdf', 2 * 1024 * 1024)], { locale: 'en' })).toMatchObject({ message: '"a.pdf" in Field is larger than 1 MB' });
  });

  it('takes only pictures in an image field, and carries the phone’s compression settings', () => {
    accepts({ type: 'image' }, [file('照片.jpg', 1000, 'image/jpeg')]);
    refuses({ type: 'image' }, [file('a.pdf')], 'fileType');
    refuses({ type: 'image' }, [file('fake.jpg', 1000, 'application/x-msdownload')], 'fileType');
    const form = formSchema.parse({ fields: [{ key: 'p', label: '照片', type: 'image' }, { key: 'q', label: '原图', type: 'image', compress: false }, { key: 'r', label: '小图', type: 'image', compress: { maxWidth: 800 } }] });
    expect(form.fields.map((f) => f.type === 'image' && f.compress)).toEqual([{ maxWidth: 1920, quality: 0.8 }, false, { maxWidth: 800, quality: 0.8 }]);
  });

  it('takes one signature picture', () => {
    const signature = file('sign.png', 20_000, 'image/png');
    accepts({ type: 'signature' }, signature);
    refuses({ type: 'signature' }, [signature], 'format');
    refuses({ type: 'signature' }, file('sign.pdf'), 'fileType');
    refuses({ type: 'signature' }, file('sign.png', 3 * 1024 * 1024, 'image/png'), 'fileTooLarge');
    expect(check({ type: 'signature', required: true }, null)).toEqual({ codes: ['required'], message: '请完成字段' });
  });
});

describe('description and computed', () => {
  it('gives a description no value, whatever is sent', () => {
    expect(check({ type: 'description', content: '请如实填写。' }, 'x')).toEqual({ value: undefined });
  });

  it('replaces a submitted value of a computed field', () => {
    const form = formSchema.parse({
      fields: [
        { key: 'price', label: '单价', type: 'money' },
        { key: 'qty', label: '数量', type: 'number', integer: true },
        { key: 'total', label: '合计', type: 'computed', formula: 'price × qty', resultType: 'money' },
        { key: 'avg', label: '平均', type: 'computed', formula: 'total / 3', decimals: 3 },
      ],
    });
    expect(validateForm(form, { price: '10.10', qty: '3', total: '1.00', avg: 5 }, { today })).toEqual({ ok: true, values: { price: '10.10', qty: 3, total: '30.30', avg: 10.1 } });
    expect(validateForm(form, { price: '10', qty: 0, total: '999' }, { today })).toEqual({ ok: true, values: { price: '10.00', qty: 0, total: '0.00', avg: 0 } });
    // A missing operand leaves the result blank rather than 0.
    expect(validateForm(form, { price: '10', total: '999' }, { today })).toEqual({ ok: true, values: { price: '10.00' } });
  });

  it('reports division by zero on the computed field', () => {
    const form = formSchema.parse({
      fields: [
        { key: 'amount', label: '金额', labelEn: 'Amount', type: 'number' },
        { key: 'people', label: '人数', type: 'number' },
        { key: 'each', label: '人均', labelEn: 'Per person', type: 'computed', formula: 'amount / people' },
      ],
    });
    expect(validateForm(form, { amount: 100, people: 0 }, { today })).toEqual({ ok: false, errors: [{ key: 'each', code: 'divisionByZero', message: '人均无法计算：除数为零' }] });
    expect(validateForm(form, { amount: 100, people: 0 }, { today, locale: 'en' })).toMatchObject({ errors: [{ message: 'Per person cannot be computed: division by zero' }] });
    expect(validateForm(form, { amount: 100, people: 3 }, { today })).toEqual({ ok: true, values: { amount: 100, people: 3, each: 33.33 } });
  });
});

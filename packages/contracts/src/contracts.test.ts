import { describe, expect, it } from 'vitest';
import { checkPasswordRule, errorCodes, errorMessage, mask } from './index.ts';

describe('mask', () => {
  it('masks phone and ID numbers, keeping the ends', () => {
    expect(mask.phone('13812345678')).toBe('138****5678');
    expect(mask.idNumber('610102200401011234')).toBe('610***********1234');
    // A passport or permit keeps less: 3 + 4 of 9 characters would show most of it.
    expect(mask.idNumber('E12345678')).toBe('E******78');
    expect(mask.idNumber('H1234567890')).toBe('H********90');
    expect(mask.idNumber('ABC123456789012')).toBe('ABC********9012');
    expect(mask.phone(null)).toBeNull();
    expect(mask.phone('12345')).toBe('*****');
  });
});

describe('password rule', () => {
  it('wants 8–64 characters of at least three kinds', () => {
    expect(checkPasswordRule('Abcdefg1')).toEqual([]);
    expect(checkPasswordRule('abc-defg1')).toEqual([]);
    expect(checkPasswordRule('Ab1-')).toContain('至少 8 位');
    expect(checkPasswordRule('abcdefgh1')).toEqual(['至少包含大写字母、小写字母、数字、符号中的三种']);
    expect(checkPasswordRule(`Aa1-${'x'.repeat(70)}`)).toContain('不超过 64 位');
  });
});

describe('error codes', () => {
  it('give every code a status and a Chinese and an English message', () => {
    for (const [code, entry] of Object.entries(errorCodes)) {
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.zh.length, code).toBeGreaterThan(0);
      expect(entry.en.length, code).toBeGreaterThan(0);
    }
    expect(errorMessage('TASK_ALREADY_HANDLED')).toBe('该事项已被处理');
    expect(errorMessage('NO_SUCH_CODE', 'en')).toBe('Something went wrong');
  });
});

describe('times in Asia/Shanghai', () => {
  it('formats instants in the school calendar, whatever the time zone here', async () => {
    const { formatShanghaiClock, formatShanghaiDateTime } = await import('./shanghai-time.ts');
    expect(formatShanghaiDateTime('2026-11-24T16:05:07.000Z')).toBe('2026-11-25 00:05');
    expect(formatShanghaiDateTime(new Date('2026-11-24T16:05:07.000Z'), { seconds: true })).toBe('2026-11-25 00:05:07');
    expect(formatShanghaiClock('2026-11-25T01:05:00Z')).toBe('09:05');
    expect(formatShanghaiDateTime('not a time')).toBe('');
    expect(formatShanghaiClock(null)).toBe('');
  });

  it("agrees with the time-zone database, before and after China's last summer time", async () => {
    const { formatShanghaiDateTime } = await import('./shanghai-time.ts');
    const zone = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    // Summer time (UTC+9) in 1988: read through the time-zone database, not as UTC+8.
    expect(formatShanghaiDateTime('1988-06-01T00:00:00Z')).toBe('1988-06-01 09:00');
    const instants = ['1991-12-31T15:59:59Z', '1991-12-31T16:00:00Z', '2000-02-28T16:00:00Z', '2024-02-28T16:30:00Z', '2099-12-31T23:59:59Z'];
    for (let i = 0; i < 200; i++) instants.push(new Date(Date.UTC(1985, 0, 1) + Math.floor(Math.random() * 115 * 365.25 * 86_400_000)).toISOString());
    for (const instant of instants) expect(formatShanghaiDateTime(instant, { seconds: true }), instant).toBe(zone.format(new Date(instant)));
  });
});

describe('people import files', () => {
  it('reads UTF-8 (with or without BOM) and GBK, as Excel saves CSV on Chinese Windows', async () => {
    const { decodeCsvBytes, peopleImportTemplate } = await import('./people.ts');
    expect(decodeCsvBytes(new TextEncoder().encode('学号,姓名'))).toBe('学号,姓名');
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('学号')]))).toBe('学号');
    expect(decodeCsvBytes(new Uint8Array([0xd1, 0xa7, 0xba, 0xc5, 0x2c, 0xd0, 0xd5, 0xc3, 0xfb]))).toBe('学号,姓名');
    expect(peopleImportTemplate()).toBe('\uFEFF学号/工号,姓名,类别,部门编码,班级编码,手机号,证件类型,证件号码,邮箱\r\n');
  });
});

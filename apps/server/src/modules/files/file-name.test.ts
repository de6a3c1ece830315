import { describe, expect, it } from 'vitest';
import { contentDisposition, extensionOf, sanitizeFileName } from './file-name.ts';

describe('sanitizeFileName', () => {
  it('keeps ordinary names, Chinese included', () => {
    expect(sanitizeFileName('请假条（2025 春）.pdf')).toBe('请假条（2025 春）.pdf');
    expect(sanitizeFileName('  scan 01.JPG ')).toBe('scan 01.JPG');
  });

  it('drops directories: no name can point elsewhere', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('..\\..\\Windows\\system.ini')).toBe('system.ini');
    expect(sanitizeFileName('/var/data/a.pdf')).toBe('a.pdf');
    expect(sanitizeFileName('..')).toBe('未命名');
    expect(sanitizeFileName('a/..')).toBe('未命名');
  });

  it('removes control and direction-changing characters (the “gpj.exe” trick)', () => {
    expect(sanitizeFileName('photo\u202Egpj.exe')).toBe('photogpj.exe');
    expect(sanitizeFileName('a\u0000b\r\n.pdf')).toBe('ab.pdf');
    expect(sanitizeFileName('\uFEFFzero\u200Bwidth.txt')).toBe('zerowidth.txt');
  });

  it('replaces characters Windows refuses, and avoids device names and hidden names', () => {
    expect(sanitizeFileName('a<b>:c"d|e?f*.pdf')).toBe('a_b__c_d_e_f_.pdf');
    expect(sanitizeFileName('CON.txt')).toBe('_CON.txt');
    expect(sanitizeFileName('.htaccess')).toBe('未命名.htaccess');
    expect(sanitizeFileName('...secret.pdf')).toBe('secret.pdf');
    expect(sanitizeFileName('report. .pdf')).toBe('report.pdf');
  });

  it('is never empty and never too long, keeping the extension', () => {
    expect(sanitizeFileName(undefined)).toBe('未命名');
    expect(sanitizeFileName('')).toBe('未命名');
    const long = sanitizeFileName(`${'很长的名字'.repeat(60)}.docx`);
    expect(Array.from(long)).toHaveLength(120);
    expect(long.endsWith('.docx')).toBe(true);
    expect(sanitizeFileName(`${'😀'.repeat(200)}.png`, 20)).toBe(`${'😀'.repeat(16)}.png`);
  });

  it('gives the extension in lower case', () => {
    expect(extensionOf(sanitizeFileName('申请表.PDF'))).toBe('pdf');
    expect(extensionOf('README')).toBe('');
    expect(extensionOf('archive.tar.gz')).toBe('gz');
  });
});

describe('contentDisposition', () => {
  it('sends an ASCII filename and the real one as RFC 5987 filename*', () => {
    expect(contentDisposition('attachment', '申请表 (终稿).pdf')).toBe(`attachment; filename="___ (__).pdf"; filename*=UTF-8''%E7%94%B3%E8%AF%B7%E8%A1%A8%20%28%E7%BB%88%E7%A8%BF%29.pdf`);
    expect(contentDisposition('inline', 'photo.jpg')).toBe(`inline; filename="photo.jpg"; filename*=UTF-8''photo.jpg`);
  });

  it('cannot be broken out of by quotes or backslashes', () => {
    const header = contentDisposition('attachment', 'a"; filename=evil.html\\.pdf');
    expect(header).toBe(`attachment; filename="a_; filename=evil.html_.pdf"; filename*=UTF-8''a%22%3B%20filename%3Devil.html%5C.pdf`);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { uploadableExtensions } from '@onehall/contracts';
import { compoundFile, exe, gbkText, gif, heic, html, jpeg, officeOpenXml, pdf, png, webp, zip } from '../../../test/sample-files.ts';
import { compoundFileHasStream, isPlainText, sniffFile } from './file-types.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onehall-sniff-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
function write(content: Buffer): string {
  const file = path.join(dir, `f${n++}`);
  fs.writeFileSync(file, content);
  return file;
}
const sniff = (content: Buffer, extension: string, allowed: readonly string[] = uploadableExtensions) => sniffFile(write(content), content.length, extension, allowed);

describe('sniffFile: the extension and the bytes must agree', () => {
  it.each([
    ['pdf', pdf, 'application/pdf'],
    ['png', png, 'image/png'],
    ['jpg', jpeg, 'image/jpeg'],
    ['jpeg', jpeg, 'image/jpeg'],
    ['gif', gif, 'image/gif'],
    ['webp', webp, 'image/webp'],
    ['heic', heic, 'image/heic'],
    ['docx', officeOpenXml('docx'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['xlsx', officeOpenXml('xlsx'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['pptx', officeOpenXml('pptx'), 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ['doc', compoundFile(['WordDocument', '1Table']), 'application/msword'],
    ['xls', compoundFile(['Workbook']), 'application/vnd.ms-excel'],
    ['xls', compoundFile(['Book']), 'application/vnd.ms-excel'],
    ['ppt', compoundFile(['PowerPoint Document']), 'application/vnd.ms-powerpoint'],
    ['docx', compoundFile(['EncryptionInfo', 'EncryptedPackage']), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['zip', zip({ 'a.txt': 'hello' }), 'application/zip'],
    ['txt', Buffer.from('请假理由：感冒发烧\n'), 'text/plain'],
    ['txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('带 BOM 的 UTF-8')]), 'text/plain'],
    ['csv', gbkText, 'text/csv'],
  ])('takes a real .%s', async (extension, content, mime) => {
    expect(await sniff(content, extension)).toEqual({ ok: true, extension, mime });
  });

  it.each([
    ['pdf', exe, 'an .exe renamed .pdf'],
    ['jpg', html, 'a web page renamed .jpg'],
    ['png', jpeg, 'a JPEG named .png'],
    ['docx', officeOpenXml('xlsx'), 'a workbook named .docx'],
    ['docx', zip({ 'a.txt': 'hello' }), 'a plain ZIP named .docx'],
    ['xlsx', compoundFile(['WordDocument']), 'a .doc named .xlsx'],
    ['doc', compoundFile(['Workbook']), 'an .xls named .doc'],
    ['doc', compoundFile(['\u0005SummaryInformation', 'MsiPatchSequence']), 'an installer (also a Compound File) named .doc'],
    ['doc', officeOpenXml('docx'), 'a .docx named .doc'],
    ['zip', exe, 'an .exe named .zip'],
    ['txt', exe, 'an .exe named .txt (NUL bytes)'],
    ['csv', Buffer.from([0x61, 0x2c, 0xff, 0xfe, 0xff, 0x0a]), 'bytes that are neither UTF-8 nor GBK'],
    ['txt', Buffer.from('abc\u0000def'), 'text with a NUL byte'],
  ])('refuses a .%s that is %s', async (extension, content, _what) => {
    expect(await sniff(content, extension)).toEqual({ ok: false, code: 'FILE_CONTENT_MISMATCH' });
  });

  it('refuses extensions not on the allow-list, and empty files', async () => {
    expect(await sniff(exe, 'exe')).toEqual({ ok: false, code: 'FILE_TYPE_NOT_ALLOWED' });
    expect(await sniff(html, 'html')).toEqual({ ok: false, code: 'FILE_TYPE_NOT_ALLOWED' });
    expect(await sniff(Buffer.from('<svg/>'), 'svg')).toEqual({ ok: false, code: 'FILE_TYPE_NOT_ALLOWED' });
    expect(await sniff(zip({ a: 'b' }), 'zip', ['pdf', 'jpg'])).toEqual({ ok: false, code: 'FILE_TYPE_NOT_ALLOWED' });
    expect(await sniff(pdf, '', ['pdf'])).toEqual({ ok: false, code: 'FILE_TYPE_NOT_ALLOWED' });
    expect(await sniff(Buffer.alloc(0), 'pdf')).toEqual({ ok: false, code: 'FILE_EMPTY' });
    // An extension that names a property of every object is not a rule.
    expect(await sniff(pdf, 'constructor', ['constructor'])).toEqual({ ok: false, code: 'FILE_TYPE_NOT_ALLOWED' });
  });
});

describe('the container checks', () => {
  it('finds a Compound File stream past the first read chunk, and only as a stream entry', async () => {
    const padding = Array.from({ length: 700 }, (_, i) => `S${i}`); // ~90 KB of directory before the entry
    expect(await compoundFileHasStream(write(compoundFile([...padding, 'WordDocument'])), ['WordDocument'])).toBe(true);
    const storage = compoundFile(['WordDocument']);
    storage[512 + 128 + 0x42] = 1; // the same name as a storage (folder), not a stream
    expect(await compoundFileHasStream(write(storage), ['WordDocument'])).toBe(false);
  });

  it('reads text across chunk boundaries (a multi-byte character split between reads)', async () => {
    const text = Buffer.from(`${'a'.repeat(64 * 1024 - 1)}中文`);
    expect(await isPlainText(write(text))).toBe(true);
    expect(await isPlainText(write(text.subarray(0, text.length - 1)))).toBe(false); // cut in the middle of 文, and not GBK either
  });
});

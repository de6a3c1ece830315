import { open } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import { uploadableFileTypes, type UploadableExtension } from '@onehall/contracts';

/**
 * What an uploaded file really is. The extension says what the person
 * claims; the bytes must agree (magic numbers through `file-type`), so an
 * .exe renamed .pdf, or a web page renamed .jpg, is refused. Office formats
 * are containers: .docx/.xlsx/.pptx are ZIP packages whose main part must be
 * the one the extension names; .doc/.xls/.ppt are Compound File (OLE2)
 * containers that must hold the right stream (an .msi is one too). Text has
 * no magic number: it must be UTF-8 or GBK/GB18030 without NUL bytes.
 */

export type SniffResult =
  | { ok: true; extension: UploadableExtension; mime: string }
  | { ok: false; code: 'FILE_TYPE_NOT_ALLOWED' | 'FILE_CONTENT_MISMATCH' | 'FILE_EMPTY' };

type Rule =
  | { kind: 'magic'; detected: readonly string[]; encryptedOffice?: boolean }
  | { kind: 'cfb'; streams: readonly string[] }
  | { kind: 'text' };

/** For each extension, what the content must be. */
const RULES: Record<UploadableExtension, Rule> = {
  pdf: { kind: 'magic', detected: ['pdf', 'ai'] }, // an Illustrator file is a PDF with extra data
  jpg: { kind: 'magic', detected: ['jpg'] },
  jpeg: { kind: 'magic', detected: ['jpg'] },
  png: { kind: 'magic', detected: ['png', 'apng'] },
  gif: { kind: 'magic', detected: ['gif'] },
  webp: { kind: 'magic', detected: ['webp'] },
  heic: { kind: 'magic', detected: ['heic'] },
  heif: { kind: 'magic', detected: ['heic'] },
  // A password-protected .docx/.xlsx/.pptx is a Compound File holding an EncryptedPackage stream.
  docx: { kind: 'magic', detected: ['docx'], encryptedOffice: true },
  xlsx: { kind: 'magic', detected: ['xlsx'], encryptedOffice: true },
  pptx: { kind: 'magic', detected: ['pptx'], encryptedOffice: true },
  doc: { kind: 'cfb', streams: ['WordDocument'] },
  xls: { kind: 'cfb', streams: ['Workbook', 'Book'] },
  ppt: { kind: 'cfb', streams: ['PowerPoint Document'] },
  zip: { kind: 'magic', detected: ['zip'] },
  txt: { kind: 'text' },
  csv: { kind: 'text' },
};

const CHUNK = 64 * 1024;

/** Reads a file in chunks of CHUNK bytes (the last may be shorter); stops when `visit` returns true. */
async function scan(filePath: string, visit: (chunk: Buffer, offset: number) => boolean): Promise<void> {
  const handle = await open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK);
    for (let offset = 0; ; offset += CHUNK) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, offset);
      if (bytesRead === 0 || visit(buffer.subarray(0, bytesRead), offset)) return;
      if (bytesRead < CHUNK) return;
    }
  } finally {
    await handle.close();
  }
}

/**
 * Whether a Compound File holds a stream with one of these names. Directory
 * entries are 128 bytes and every sector starts at a multiple of 128 (the
 * header is 512 bytes, sectors 512 or 4096), so each 128-byte boundary is
 * tried as an entry: UTF-16LE name, its byte length with the terminator at
 * 0x40, object type 2 (stream) at 0x42. No FAT walking is needed to find one.
 */
export async function compoundFileHasStream(filePath: string, names: readonly string[]): Promise<boolean> {
  const wanted = names.map((name) => ({ bytes: Buffer.from(`${name}\0`, 'utf16le'), length: (name.length + 1) * 2 }));
  let found = false;
  await scan(filePath, (chunk) => {
    for (let at = 0; at + 128 <= chunk.length; at += 128) {
      if (chunk[at + 0x42] !== 2) continue;
      const nameLength = chunk.readUInt16LE(at + 0x40);
      if (wanted.some((w) => w.length === nameLength && chunk.compare(w.bytes, 0, w.length, at, at + w.length) === 0)) {
        found = true;
        return true;
      }
    }
    return false;
  });
  return found;
}

/** Whether a file is text: no NUL byte, and valid UTF-8 (BOM or not) or valid GBK/GB18030 throughout. */
export async function isPlainText(filePath: string): Promise<boolean> {
  const decoders = [new TextDecoder('utf-8', { fatal: true }), new TextDecoder('gb18030', { fatal: true })];
  let valid = decoders.map(() => true);
  let hasNul = false;
  await scan(filePath, (chunk) => {
    if (chunk.includes(0)) {
      hasNul = true;
      return true;
    }
    valid = decoders.map((decoder, i) => valid[i]! && decodes(decoder, chunk, true));
    return !valid.some(Boolean);
  });
  if (hasNul) return false;
  valid = decoders.map((decoder, i) => valid[i]! && decodes(decoder, new Uint8Array(0), false));
  return valid.some(Boolean);
}

function decodes(decoder: TextDecoder, bytes: Uint8Array, stream: boolean): boolean {
  try {
    decoder.decode(bytes, { stream });
    return true;
  } catch {
    return false;
  }
}

/** What magic numbers say a file is (undefined when they say nothing, as for text; or when the file is malformed). */
async function detect(filePath: string): Promise<string | undefined> {
  try {
    return (await fileTypeFromFile(filePath, { maxBufferSize: 16 * 1024 * 1024 }))?.ext;
  } catch {
    return undefined;
  }
}

/**
 * Checks a stored upload against the extension of its name and the hall's
 * allow-list; on success gives the MIME type the hall will serve it with.
 */
export async function sniffFile(filePath: string, size: number, extension: string, allowed: readonly string[]): Promise<SniffResult> {
  if (!allowed.includes(extension) || !Object.hasOwn(RULES, extension)) return { ok: false, code: 'FILE_TYPE_NOT_ALLOWED' };
  if (size === 0) return { ok: false, code: 'FILE_EMPTY' };
  const ext = extension as UploadableExtension;
  const rule = RULES[ext];
  const pass = { ok: true as const, extension: ext, mime: uploadableFileTypes[ext].mime };
  const refuse = { ok: false as const, code: 'FILE_CONTENT_MISMATCH' as const };
  switch (rule.kind) {
    case 'text':
      return (await isPlainText(filePath)) ? pass : refuse;
    case 'cfb':
      return (await detect(filePath)) === 'cfb' && (await compoundFileHasStream(filePath, rule.streams)) ? pass : refuse;
    case 'magic': {
      const detected = await detect(filePath);
      if (detected !== undefined && rule.detected.includes(detected)) return pass;
      if (rule.encryptedOffice && detected === 'cfb' && (await compoundFileHasStream(filePath, ['EncryptedPackage']))) return pass;
      return refuse;
    }
  }
}

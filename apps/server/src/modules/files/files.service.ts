import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { uploadableExtensions, type FileDto } from '@onehall/contracts';
import { fileRefSchema, type FormDefinition, type FormValues } from '@onehall/forms';
import type { Config } from '../../platform/config.ts';
import type { Db, Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Auth } from '../identity/identity.service.ts';
import { extensionOf, sanitizeFileName } from './file-name.ts';
import { referencedFiles, type FileClaim } from './file-refs.ts';
import { sniffFile } from './file-types.ts';
import { mayDownloadFile, type Caller } from './files.policy.ts';
import * as repo from './files.repository.ts';
import type { FileRow } from './files.table.ts';
import { createFileStorage, type FileStorage } from './storage/file-storage.ts';

export type FilesService = ReturnType<typeof createFilesService>;
export type { FileClaim };

export interface FilesDeps {
  db: Db;
  config: Config;
  /** The workflow's read rule for an application (given late: the workflow itself links files through this service). */
  mayReadApplication: (caller: Caller, applicationId: string) => Promise<boolean>;
  /** Defaults to the storage the configuration names. */
  storage?: FileStorage;
}

/** An upload as the route hands it over: the file part's stream and name, and whether the size limit cut it. */
export interface IncomingFile {
  stream: Readable;
  filename: string | undefined;
  isTruncated: () => boolean;
}

const MB = 1024 * 1024;
/** Staged files the cleanup takes per batch, and batches per run (the next run takes the rest). */
const CLEANUP_BATCH = 200;
const CLEANUP_MAX_BATCHES = 25;

export function fileRowToDto(row: Pick<FileRow, 'id' | 'name' | 'size' | 'mime_type'>): FileDto {
  return { id: row.id, name: row.name, size: row.size, type: row.mime_type };
}

/**
 * Attachments: the staging area (upload, discard), downloads for those who
 * may see them, linking to an application inside the submit's transaction,
 * and the cleanup of staged files nobody submitted.
 */
export function createFilesService(deps: FilesDeps) {
  const { db, config } = deps;
  const storage = deps.storage ?? createFileStorage(config);
  const maxBytes = Math.floor(config.FILES_MAX_MB * MB);
  const allowedExtensions: readonly string[] = config.FILES_ALLOWED_TYPES ? config.FILES_ALLOWED_TYPES.split(',') : uploadableExtensions;

  const tooLarge = () => new AppError('FILE_TOO_LARGE', {}, `文件过大，单个文件不能超过 ${config.FILES_MAX_MB} MB`);

  /** A storage that cannot be reached is the hall's trouble, not the person's: 503, with the cause in the log only. */
  async function stored<T>(operation: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw new AppError('UNAVAILABLE', { storage: storage.kind, operation, cause: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }, '文件存储暂时无法访问，请稍后再试');
    }
  }

  /** A file the caller may see, or FILE_NOT_FOUND: the answer is the same whether it does not exist or is not theirs to see. */
  async function findVisibleFile(caller: Caller, fileId: string): Promise<FileRow> {
    const file = await repo.findFileById(db, fileId.toLowerCase());
    if (!file || !(await mayDownloadFile(caller, file, deps.mayReadApplication))) throw new AppError('FILE_NOT_FOUND');
    return file;
  }

  return {
    storageKind: storage.kind,
    maxBytes,
    allowedExtensions,

    /**
     * Stages an upload: written to a temporary file while counting and
     * hashing, checked (size, extension on the allow-list, content matching
     * the extension), then kept under a new id. Nothing is kept when a check
     * fails.
     */
    async upload(auth: Auth, incoming: IncomingFile): Promise<FileDto> {
      const name = sanitizeFileName(incoming.filename);
      const extension = extensionOf(name);
      if (!allowedExtensions.includes(extension)) {
        incoming.stream.resume(); // let the rest of the request arrive, so the person gets the answer
        throw new AppError('FILE_TYPE_NOT_ALLOWED', {}, `不支持上传 ${extension ? `.${extension} ` : '没有扩展名的'}文件，可上传：${allowedExtensions.join('、')}`);
      }
      await fs.mkdir(storage.tempDir, { recursive: true });
      const id = randomUUID();
      const tempPath = path.join(storage.tempDir, `${id}.upload`);
      const hash = createHash('sha256');
      let size = 0;
      try {
        const measure = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            size += chunk.length;
            hash.update(chunk);
            done(null, chunk);
          },
        });
        await pipeline(incoming.stream, measure, createWriteStream(tempPath, { flags: 'wx' }));
        if (incoming.isTruncated() || size > maxBytes) throw tooLarge();
        const sniffed = await sniffFile(tempPath, size, extension, allowedExtensions);
        if (!sniffed.ok) throw new AppError(sniffed.code);
        await stored('put', () => storage.put(id, { path: tempPath, size, contentType: sniffed.mime }));
        try {
          const row = await repo.insertFile(db, { id, uploader_person_id: auth.personId, name, extension: sniffed.extension, mime_type: sniffed.mime, size, sha256: hash.digest('hex') });
          return fileRowToDto(row);
        } catch (error) {
          await storage.delete(id).catch(() => {});
          throw error;
        }
      } finally {
        await fs.rm(tempPath, { force: true });
      }
    },

    /** A file's row and content, for someone who may see it. */
    async open(caller: Caller, fileId: string): Promise<{ file: FileRow; content: Readable }> {
      const file = await findVisibleFile(caller, fileId);
      const content = await stored('get', () => storage.get(file.id));
      if (!content) throw new AppError('FILE_NOT_FOUND', { fileId: file.id, lost: true });
      return { file, content };
    },

    /** The uploader takes back a staged file (removed from the form before submitting). */
    async discard(auth: Auth, fileId: string): Promise<void> {
      const file = await findVisibleFile(auth, fileId);
      if (file.application_id !== null || file.uploader_person_id !== auth.personId) throw new AppError('FILE_ALREADY_LINKED');
      await db.transaction().execute(async (tx) => {
        if (await repo.deleteStagedFile(tx, file.id, { uploaderPersonId: auth.personId })) await stored('delete', () => storage.delete(file.id));
      });
    },

    /** The files a form's validated values reference (attachment, image and signature fields). */
    referencedFiles,

    /**
     * Makes a draft hold the person's staged files its values reference,
     * inside the draft save's transaction, so the cleanup of staged files
     * keeps them while the draft keeps them. The values are not a checked
     * form: only references of the form's file fields with a well-formed id count.
     */
    async holdForDraft(tx: Executor, hold: { draftId: string; personId: string; form: Pick<FormDefinition, 'fields'>; values: Record<string, unknown> }): Promise<void> {
      const ids = referencedFiles(hold.form, hold.values as FormValues)
        .map((claim) => claim.file.id)
        .filter((id) => fileRefSchema.shape.id.safeParse(id).success);
      await repo.holdFilesForDraft(tx, { draftId: hold.draftId, personId: hold.personId, ids });
    },

    /**
     * Links the files an application's form data references to it, inside
     * the caller's transaction: each must be a file this person uploaded,
     * described as uploaded (the form's limits were checked against the
     * reference), and staged or already this application's. Otherwise the
     * whole transaction is refused, with the fields that hold the bad files.
     */
    async claimForApplication(tx: Executor, claim: { personId: string; applicationId: string; files: readonly FileClaim[] }): Promise<void> {
      if (claim.files.length === 0) return;
      const ids = claim.files.map((c) => c.file.id);
      const rows = new Map((await repo.findFilesByIds(tx, ids)).map((row) => [row.id, row]));
      const refused: { claim: FileClaim; code: 'FILE_NOT_FOUND' | 'FILE_ALREADY_LINKED' }[] = [];
      // A file already linked to this application stays as it is, whoever uploaded it (an approver
      // editing a field keeps the applicant's files); any other must be the claimant's own upload.
      const toLink: FileClaim[] = [];
      for (const c of claim.files) {
        const row = rows.get(c.file.id);
        const same = row && row.name === c.file.name && row.size === c.file.size && row.mime_type === c.file.type;
        if (same && row.application_id === claim.applicationId) continue;
        if (!same || row.uploader_person_id !== claim.personId) refused.push({ claim: c, code: 'FILE_NOT_FOUND' });
        else if (row.application_id !== null) refused.push({ claim: c, code: 'FILE_ALREADY_LINKED' });
        else toLink.push(c);
      }
      if (refused.length === 0 && toLink.length > 0) {
        // Another submit may have linked a file since it was read: the update skips it, and it is refused here.
        const linked = new Set(await repo.linkFiles(tx, { personId: claim.personId, applicationId: claim.applicationId, ids: toLink.map((c) => c.file.id) }));
        for (const c of toLink) if (!linked.has(c.file.id)) refused.push({ claim: c, code: 'FILE_ALREADY_LINKED' });
      }
      if (refused.length === 0) return;
      const say = (r: (typeof refused)[number]) => (r.code === 'FILE_NOT_FOUND' ? `“${r.claim.file.name}”不存在或已过期，请重新上传` : `“${r.claim.file.name}”已用于另一份申请，请重新上传`);
      const fields = refused.map((r) => ({ key: r.claim.fieldKey, code: r.code, message: say(r) }));
      throw new AppError(refused[0]!.code, { fields }, say(refused[0]!));
    },

    /**
     * Deletes staged files older than FILES_STAGED_HOURS: each row and its
     * content in one transaction, so a failed storage delete keeps the row
     * for the next run, and a submit linking the file at that moment either
     * wins (the row is no longer staged) or finds it gone. Returns how many.
     */
    async cleanupStaged(): Promise<number> {
      let removed = 0;
      for (let batch = 0; batch < CLEANUP_MAX_BATCHES; batch++) {
        const due = await repo.findStagedOlderThan(db, config.FILES_STAGED_HOURS, CLEANUP_BATCH);
        for (const { id } of due) {
          const deleted = await db.transaction().execute(async (tx) => {
            if (!(await repo.deleteStagedFile(tx, id, { unheld: true }))) return false;
            await storage.delete(id);
            return true;
          });
          if (deleted) removed++;
        }
        if (due.length < CLEANUP_BATCH) break;
      }
      return removed;
    },
  };
}

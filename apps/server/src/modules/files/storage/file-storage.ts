import path from 'node:path';
import os from 'node:os';
import type { Readable } from 'node:stream';
import type { Config } from '../../../platform/config.ts';
import { createLocalStorage } from './local-storage.ts';
import { createS3Storage } from './s3-storage.ts';

/**
 * Where file contents are kept: the local disk or S3-compatible object
 * storage, behind one small interface. Keys are file ids (never names).
 */
export interface FileStorage {
  readonly kind: 'local' | 's3';
  /** Where uploads are written while they are checked; for local storage on the same disk, so keeping one is a rename. */
  readonly tempDir: string;
  /** Keeps the content of a checked upload under `key`; the temporary file is moved or removed. */
  put(key: string, source: { path: string; size: number; contentType: string }): Promise<void>;
  /** The content, or null when there is none under `key`. */
  get(key: string): Promise<Readable | null>;
  /** Removes the content; removing what is not there is not an error. */
  delete(key: string): Promise<void>;
}

/** Keys are ids: lower-case letters, digits and dashes only, so no key can name a path elsewhere. */
export function assertStorageKey(key: string): void {
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(key)) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
}

/** The directory of local attachments: FILES_DIR, or DATA_DIR/files. */
export function filesDirectory(config: Pick<Config, 'FILES_DIR' | 'dataDir'>): string {
  return config.FILES_DIR ? path.resolve(config.FILES_DIR) : path.join(config.dataDir, 'files');
}

/** The storage the configuration names; throws at boot when its settings are incomplete. */
export function createFileStorage(config: Config): FileStorage {
  if (config.FILES_STORAGE === 'local') return createLocalStorage(filesDirectory(config));
  if (!config.S3_BUCKET) throw new Error('FILES_STORAGE=s3 needs S3_BUCKET');
  if (Boolean(config.S3_ACCESS_KEY_ID) !== Boolean(config.S3_SECRET_ACCESS_KEY)) throw new Error('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together');
  return createS3Storage({
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    credentials: config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY } : undefined,
    tempDir: path.join(os.tmpdir(), 'onehall-uploads'),
  });
}

import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { assertStorageKey, type FileStorage } from './file-storage.ts';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** Without one, AWS S3 of the region; with one, any S3-compatible service (MinIO, Ceph, OSS, COS…). */
  endpoint?: string | undefined;
  forcePathStyle: boolean;
  /** Without them, the SDK's default chain (environment, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
  tempDir: string;
}

/**
 * Attachments in S3-compatible object storage, through the official SDK,
 * loaded on first use (it is large and a hall on local disk never needs it).
 * The object key is the file id.
 */
export function createS3Storage(options: S3StorageOptions): FileStorage {
  let sdk: Promise<{ client: S3Client; commands: typeof import('@aws-sdk/client-s3') }> | undefined;
  const connect = () =>
    (sdk ??= import('@aws-sdk/client-s3').then((commands) => ({
      commands,
      client: new commands.S3Client({
        region: options.region,
        forcePathStyle: options.forcePathStyle,
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        ...(options.credentials ? { credentials: options.credentials } : {}),
        // Checksums only where S3 requires them: by default the SDK sends uploads aws-chunked with a
        // trailing CRC32, which many S3-compatible servers do not understand (one stored the chunk
        // framing as the file's content when we tried).
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
        maxAttempts: 3,
      }),
    })));

  return {
    kind: 's3',
    tempDir: options.tempDir,

    async put(key, source) {
      assertStorageKey(key);
      const { client, commands } = await connect();
      try {
        await client.send(
          new commands.PutObjectCommand({ Bucket: options.bucket, Key: key, Body: createReadStream(source.path), ContentLength: source.size, ContentType: source.contentType }),
        );
      } finally {
        await fs.rm(source.path, { force: true });
      }
    },

    async get(key): Promise<Readable | null> {
      assertStorageKey(key);
      const { client, commands } = await connect();
      try {
        const answer = await client.send(new commands.GetObjectCommand({ Bucket: options.bucket, Key: key }));
        return (answer.Body as Readable | undefined) ?? null;
      } catch (error) {
        if (error instanceof commands.NoSuchKey || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
        throw error;
      }
    },

    async delete(key) {
      assertStorageKey(key);
      const { client, commands } = await connect();
      await client.send(new commands.DeleteObjectCommand({ Bucket: options.bucket, Key: key }));
    },
  };
}

import { z } from 'zod';
import { fileRefSchema } from '@onehall/forms';

/**
 * Attachments: a person uploads a file to the staging area (POST /api/files,
 * multipart, one file per request) and gets back a file reference; the form
 * value of an attachment, image or signature field carries it, and submitting
 * the application links the file to it. These are the shapes both sides
 * share; the kinds of file, the limits and the download address are plain
 * values in file-types.ts.
 */

/** What an upload answers: the file reference a form value carries (id, name, size in bytes, MIME type). */
export const fileDto = fileRefSchema;
export type FileDto = z.infer<typeof fileDto>;

export const fileIdParams = z.object({ fileId: z.uuid() });

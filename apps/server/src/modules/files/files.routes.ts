import type { FastifyInstance } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, fileDto, fileIdParams, isPreviewableImage, okDto } from '@onehall/contracts';
import { AppError } from '../../platform/errors.ts';
import { requireAuth, requireMember } from '../identity/identity.policy.ts';
import { contentDisposition } from './file-name.ts';
import type { FilesService } from './files.service.ts';

/** The upload path: the only route that takes multipart (the CSRF check lets it through with the session's token). */
export const FILE_UPLOAD_PATH = '/api/files';

/**
 * Attachments: upload to the staging area, download (or preview) for those
 * who may see the file, and taking back a staged upload. Multipart parsing
 * is registered in this scope only.
 */
export async function registerFilesRoutes(app: FastifyInstance, deps: { files: FilesService }): Promise<void> {
  const { files } = deps;
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      // One file and a few small fields; busboy stops writing the file at the hall's limit and marks it truncated.
      limits: { fileSize: files.maxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 50 },
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 413: errorBody, 415: errorBody, 503: errorBody };

    r.post(
      FILE_UPLOAD_PATH,
      {
        preHandler: requireMember,
        schema: {
          tags: ['files'],
          summary: 'Upload one file (multipart/form-data) to the staging area; answers the file reference a form value carries',
          consumes: ['multipart/form-data'],
          response: { 201: fileDto, ...errors },
        },
      },
      async (request, reply) => {
        const auth = requireAuth(request);
        if (!request.isMultipart()) throw new AppError('FILE_REQUIRED');
        const part = await request.file();
        if (!part) throw new AppError('FILE_REQUIRED');
        const answer = await files.upload(auth, { stream: part.file, filename: part.filename, isTruncated: () => part.file.truncated });
        return reply.status(201).send(answer);
      },
    );

    r.get(
      '/api/files/:fileId',
      {
        preHandler: requireMember,
        schema: { tags: ['files'], summary: 'Download a file (pictures inline, for preview); 404 for anyone who may not see it', params: fileIdParams, response: { 200: z.any().describe('The file’s bytes, with its stored Content-Type'), 401: errorBody, 403: errorBody, 404: errorBody, 503: errorBody } },
      },
      async (request, reply) => {
        const { file, content } = await files.open(requireAuth(request), request.params.fileId);
        const inline = isPreviewableImage(file.mime_type);
        return reply
          .header('content-type', file.mime_type)
          .header('content-length', file.size)
          .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', file.name))
          .header('x-content-type-options', 'nosniff')
          // Opened directly, the file is a document of its own: no scripts, no plugins, no same-origin access.
          .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
          .send(content);
      },
    );

    r.delete(
      '/api/files/:fileId',
      { preHandler: requireMember, schema: { tags: ['files'], summary: 'Take back a staged upload (not yet part of an application)', params: fileIdParams, response: { 200: okDto, ...errors } } },
      async (request) => {
        await files.discard(requireAuth(request), request.params.fileId);
        return { ok: true as const };
      },
    );
  });
}

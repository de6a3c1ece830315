import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { errorCodes } from '@onehall/contracts';

/**
 * Serves the built front ends: the H5 at /, the admin console at /admin/.
 * Hashed assets are cached for a year; HTML never is, so a phone (or WeCom's
 * browser) always picks up a new build. Assets and index.html go out
 * brotli- or gzip-compressed from the `.br`/`.gz` files the build writes
 * beside them (scripts/vite-precompress.ts), as the phone's Accept-Encoding allows.
 */
export async function serveFrontEnds(app: FastifyInstance, roots: { h5: string; admin: string }): Promise<void> {
  const available = (dir: string) => fs.existsSync(path.join(dir, 'index.html'));
  const setHeaders = (reply: FastifyReply, filePath: string) => {
    const isHashedAsset = filePath.includes(`${path.sep}assets${path.sep}`);
    reply.header('Cache-Control', isHashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
  };
  if (available(roots.h5)) await app.register(fastifyStatic, { root: roots.h5, prefix: '/', wildcard: false, index: false, preCompressed: true, setHeaders });
  if (available(roots.admin)) {
    await app.register(fastifyStatic, { root: roots.admin, prefix: '/admin/', wildcard: false, index: false, preCompressed: true, decorateReply: !available(roots.h5), setHeaders });
  }

  const sendIndex = (reply: FastifyReply, root: string) => {
    if (!available(root)) return reply.status(503).type('text/plain; charset=utf-8').send('前端尚未构建：请运行 npm run build 或 npm start');
    // Through @fastify/static, so index.html too goes out as the .br/.gz the build wrote (revalidated: setHeaders).
    return reply.sendFile('index.html', root);
  };

  // Client-side routes fall back to the app's index.html; unknown API routes answer JSON.
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    if (url.startsWith('/api/') || url === '/api') {
      return reply.status(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: errorCodes.ROUTE_NOT_FOUND.zh, requestId: request.id } });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply.status(404).send({ error: { code: 'NOT_FOUND', message: errorCodes.NOT_FOUND.zh, requestId: request.id } });
    if (url.startsWith('/assets/') || url.startsWith('/admin/assets/')) return reply.status(404).type('text/plain').send('Not found');
    return sendIndex(reply, url === '/admin' || url.startsWith('/admin/') ? roots.admin : roots.h5);
  });
}

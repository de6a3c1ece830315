import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDirectory } from '../../../scripts/vite-precompress.ts';
import { createTestHall, type TestHall } from './helpers.ts';

/**
 * How the built front ends are cached, the way WeCom's browser (which keeps
 * pages hard) must see them: HTML — index.html and every client-side route
 * that falls back to it — is revalidated each time, so a new build shows at
 * once; hashed files under assets/ are kept for a year. The test writes its
 * own small build into STATIC_DIR (h5/ and admin/, as a deployment lays them
 * out), so it runs without building the front ends.
 */
const IMMUTABLE = 'public, max-age=31536000, immutable';
let hall: TestHall;
let staticDir: string;
let compressedCount = 0;

/** A route chunk big enough to be worth compressing (the build's small files are left as they are). */
const ROUTE_CHUNK = `export const rows = ${JSON.stringify(Array.from({ length: 800 }, (_, i) => ({ id: i, 名称: `事项${i}` })))};`;

/** The build's index.html: with its inline route-preload script it is over 1 kB, so it is compressed too. */
const indexHtml = (name: string) =>
  `<!doctype html><html><head><script>${'/* route preload */ var t=[["^/$",["/assets/route-Xy98Zw76.js"],[]]];'.repeat(30)}</script><script type="module" src="assets/index-Ab12Cd34.js"></script></head><body>${name}</body></html>`;

function writeBuild(root: string, name: string): void {
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), indexHtml(name));
  fs.writeFileSync(path.join(root, 'assets', 'index-Ab12Cd34.js'), `console.log(${JSON.stringify(name)});`);
  fs.writeFileSync(path.join(root, 'assets', 'route-Xy98Zw76.js'), ROUTE_CHUNK);
  fs.writeFileSync(path.join(root, 'assets', 'photo-Pq12Rs34.png'), Buffer.alloc(4096, 7));
  fs.writeFileSync(path.join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
}

beforeAll(async () => {
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onehall-static-'));
  writeBuild(path.join(staticDir, 'h5'), 'h5-build');
  writeBuild(path.join(staticDir, 'admin'), 'admin-build');
  compressedCount = (await precompressDirectory(path.join(staticDir, 'h5'))) + (await precompressDirectory(path.join(staticDir, 'admin')));
  hall = await createTestHall({ STATIC_DIR: staticDir });
});

afterAll(async () => {
  await hall?.close();
  if (staticDir) fs.rmSync(staticDir, { recursive: true, force: true });
});

const get = (url: string) => hall.app.inject({ method: 'GET', url });

describe('Cache-Control of the front ends', () => {
  it.each([
    ['/', 'h5-build'],
    ['/index.html', 'h5-build'],
    ['/applications/0b6f0a9e-1d7c-4c35-9a53-000000000001/print', 'h5-build'],
    ['/received/todo?service=leave&from=2024-01-01', 'h5-build'],
    ['/admin/', 'admin-build'],
    ['/admin', 'admin-build'],
    ['/admin/people?page=2', 'admin-build'],
  ])('%s answers its index.html, revalidated on every visit', async (url, build) => {
    const response = await get(url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain(build);
    expect(response.headers['cache-control']).toMatch(/^(no-cache|no-store)$/);
  });

  it.each([
    ['/assets/index-Ab12Cd34.js', 'h5-build'],
    ['/admin/assets/index-Ab12Cd34.js', 'admin-build'],
  ])('%s, a hashed asset, is cached for a year and never revalidated', async (url, build) => {
    const response = await get(url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.body).toContain(build);
    expect(response.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('a file beside index.html (not hashed) is revalidated, not kept for a year', async () => {
    const response = await get('/favicon.svg');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('a missing asset is a 404, not index.html cached as if it were the script', async () => {
    const response = await get('/assets/index-Gone0000.js');
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('h5-build');
    expect(response.headers['cache-control'] ?? '').not.toContain('immutable');
  });

  it('the API is never cached', async () => {
    const response = await get('/api/no-such-route');
    expect(response.statusCode).toBe(404);
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('compressed assets', () => {
  const getEncoded = (url: string, acceptEncoding?: string) =>
    hall.app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  it('the build writes .br and .gz beside text assets of 1 kB or more, and nothing beside images or small files', () => {
    expect(compressedCount).toBe(4); // each build's route chunk and index.html
    expect(fs.readdirSync(path.join(staticDir, 'h5')).sort()).toEqual(['assets', 'favicon.svg', 'index.html', 'index.html.br', 'index.html.gz']);
    const assets = fs.readdirSync(path.join(staticDir, 'h5', 'assets')).sort();
    expect(assets).toEqual(['index-Ab12Cd34.js', 'photo-Pq12Rs34.png', 'route-Xy98Zw76.js', 'route-Xy98Zw76.js.br', 'route-Xy98Zw76.js.gz']);
  });

  it.each(['/assets/route-Xy98Zw76.js', '/admin/assets/route-Xy98Zw76.js'])('%s goes out brotli-compressed to a phone that accepts br, still cached for a year', async (url) => {
    const response = await getEncoded(url, 'gzip, deflate, br');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe(IMMUTABLE);
    expect(String(response.headers.vary)).toMatch(/accept-encoding/i);
    expect(response.rawPayload.length).toBeLessThan(Buffer.byteLength(ROUTE_CHUNK) / 4);
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(ROUTE_CHUNK);
  });

  it.each([
    ['/', 'h5-build'],
    ['/received/todo?service=leave', 'h5-build'],
    ['/admin/people', 'admin-build'],
  ])('%s: index.html goes out compressed too, still revalidated on every visit', async (url, build) => {
    const response = await getEncoded(url, 'gzip, deflate, br');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(String(response.headers.vary)).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(indexHtml(build));
    const gzipped = await getEncoded(url, 'gzip');
    expect(gunzipSync(gzipped.rawPayload).toString()).toBe(indexHtml(build));
  });

  it('gzip to a browser without brotli', async () => {
    const response = await getEncoded('/assets/route-Xy98Zw76.js', 'gzip');
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(response.rawPayload).toString()).toBe(ROUTE_CHUNK);
  });

  it('the plain file to a client that accepts no encoding, and for files that have no compressed copy', async () => {
    const plain = await getEncoded('/assets/route-Xy98Zw76.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(ROUTE_CHUNK);
    const small = await getEncoded('/assets/index-Ab12Cd34.js', 'br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body).toContain('h5-build');
  });
});

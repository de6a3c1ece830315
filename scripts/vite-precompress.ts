import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text assets worth compressing; images and fonts are compressed already. */
const compressible = /\.(html|js|mjs|css|svg|json|txt|map)$/;

/** Below this, the headers cost more than the bytes saved. */
const minimumBytes = 1024;

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

/**
 * Writes `name.br` (brotli, best quality) and `name.gz` (gzip level 9) beside
 * every text asset under `dir`. Returns how many files it compressed.
 */
export async function precompressDirectory(dir: string): Promise<number> {
  const work: Promise<void>[] = [];
  for await (const file of filesUnder(dir)) {
    if (!compressible.test(file) || (await stat(file)).size < minimumBytes) continue;
    work.push(
      (async () => {
        const content = await readFile(file);
        const [br, gz] = await Promise.all([
          brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
          gzipAsync(content, { level: 9 }),
        ]);
        await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
      })(),
    );
  }
  await Promise.all(work);
  return work.length;
}

/**
 * Precompresses the build's text assets once, at build time. The server
 * sends them with @fastify/static's `preCompressed` to phones that accept
 * them, so no request pays for compression, and a phone on a slow network
 * gets the smallest bytes (brotli where the phone accepts it, else gzip).
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'onehall-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await precompressDirectory(outDir);
    },
  };
}

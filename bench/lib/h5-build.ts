/**
 * The built H5 the bundle and Lighthouse benchmarks look at: built once per
 * run with Vite (and its manifest) into a directory of this run, so neither
 * apps/h5/dist nor anyone else's build is touched; or, with --h5-dist, a
 * build that exists (it must have been made with `vite build --manifest`).
 * The hall serves it through STATIC_DIR, which holds `h5/`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const h5Root = path.join(repoRoot, 'apps/h5');
const workDir = path.join(os.tmpdir(), `onehall-bench-h5-${process.pid}`);

export interface H5Build {
  /** The built H5: index.html, assets/, .vite/manifest.json. */
  dir: string;
  /** For the server's STATIC_DIR: a directory whose `h5` is `dir`. */
  staticDir: string;
  /** Seconds the build took; null when an existing build was used. */
  buildSeconds: number | null;
}

let prepared: Promise<H5Build> | undefined;

function runVite(outDir: string): Promise<void> {
  const vite = path.join(repoRoot, 'node_modules/vite/bin/vite.js');
  return new Promise((resolve, reject) => {
    // The same build as `npm run build` (apps/h5/vite.config.ts), written elsewhere and with the manifest.
    const child = spawn(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--manifest', '--logLevel', 'warn'], { cwd: h5Root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with code ${code}`))));
  });
}

/** Builds the H5 (once per run), or takes the build given with --h5-dist. */
export function prepareH5(existingDist: string | undefined, log: (line: string) => void): Promise<H5Build> {
  prepared ??= (async () => {
    const staticDir = path.join(workDir, 'static');
    fs.mkdirSync(staticDir, { recursive: true });
    if (existingDist) {
      const dir = path.resolve(existingDist);
      if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error(`--h5-dist ${dir}: no index.html`);
      fs.symlinkSync(dir, path.join(staticDir, 'h5'));
      log(`h5: using the existing build in ${dir}`);
      return { dir, staticDir, buildSeconds: null };
    }
    const dir = path.join(staticDir, 'h5');
    log(`h5: vite build of apps/h5 (the working tree as it is) into ${dir}`);
    const started = Date.now();
    await runVite(dir);
    return { dir, staticDir, buildSeconds: (Date.now() - started) / 1000 };
  })();
  return prepared;
}

/** Removes this run's build directory (an existing --h5-dist is only linked, never removed). */
export function removeH5Build(): void {
  fs.rmSync(workDir, { recursive: true, force: true });
}

/**
 * Debian's Chromium, headless, with its DevTools port open for Lighthouse.
 * Nothing is downloaded: the binary is the system's (--chromium), and
 * background networking, component updates and first-run work are off, so
 * the browser only talks to the hall on loopback. Its language is zh-CN, as
 * on the phones of the school's students and staff (an English browser gets
 * the hall in English, which first fetches its English catalogue).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Chromium {
  port: number;
  version: string;
  close(): Promise<void>;
}

const running = new Set<ChildProcess>();

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => signalGroup(child, 'SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    signalGroup(child, 'SIGTERM');
  });
}

/** Chromium's helpers (renderer, GPU, zygote) are in the group of the process we started: signal the group by its id. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    child.kill(signal);
  }
}

export async function launchChromium(binary: string): Promise<Chromium> {
  if (!fs.existsSync(binary)) throw new Error(`no Chromium at ${binary} (apt-get install chromium, or --chromium PATH)`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'onehall-bench-chromium-'));
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-default-apps',
    '--disable-extensions',
    '--disable-sync',
    '--disable-domain-reliability',
    '--disable-client-side-phishing-detection',
    '--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication',
    '--no-first-run',
    '--no-default-browser-check',
    '--metrics-recording-only',
    '--mute-audio',
    // The phone of a Chinese student or teacher: the hall in zh-CN, its first language.
    '--lang=zh-CN',
    '--accept-lang=zh-CN',
    '--password-store=basic',
    '--remote-debugging-address=127.0.0.1',
    '--remote-debugging-port=0',
    `--user-data-dir=${profile}`,
    'about:blank',
  ];
  const child = spawn(binary, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  child.once('exit', () => {
    running.delete(child);
    fs.rmSync(profile, { recursive: true, force: true });
  });
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    const timeout = setTimeout(() => reject(new Error(`Chromium did not open its DevTools port within 30 s:\n${seen.slice(-2000)}`)), 30_000);
    const read = (data: Buffer) => {
      seen += data.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(seen);
      if (!match) return;
      clearTimeout(timeout);
      child.stderr!.off('data', read);
      resolve(Number(match[1]));
    };
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timeout);
      reject(new Error(`Chromium exited with code ${code}:\n${seen.slice(-2000)}`));
    });
  });
  child.stderr!.resume(); // keep draining; Chromium logs to stderr
  const info = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as { Browser: string };
  return { port, version: info.Browser, close: () => stop(child) };
}

/** Stops every Chromium this process started; for the exit path. */
export async function stopAllChromium(): Promise<void> {
  await Promise.all([...running].map(stop));
}

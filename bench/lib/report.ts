/**
 * The results table: each figure, its baseline from the same run, the
 * ratio, the target and whether it was met; printed, and written to
 * bench/RESULTS.md with the machine it ran on.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

export interface Row {
  benchmark: string;
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  /** null: a figure shown for context, with no target. */
  pass: boolean | null;
}

export interface Section {
  benchmark: string;
  rows: Row[];
  /** Counts, CPU shares, transactions per request, checks: what explains the figures. */
  notes: string[];
}

export const fmt = {
  rate: (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '—'),
  ms: (value: number) => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(1) : Math.round(value)} ms` : '—'),
  ratio: (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '—'),
  int: (value: number) => value.toLocaleString('en-US'),
};

const passText = (pass: boolean | null) => (pass === null ? '' : pass ? 'pass' : 'FAIL');

function table(rows: Row[], markdown: boolean): string {
  const header = ['benchmark', 'figure', 'value', 'baseline (same run)', 'ratio', 'target', 'result'];
  const cells = rows.map((r) => [r.benchmark, r.figure, r.value, r.baseline, r.ratio, r.target, passText(r.pass)]);
  if (markdown) {
    const line = (values: string[]) => `| ${values.map((v) => v.replace(/\|/g, '\\|')).join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...cells.map(line)].join('\n');
  }
  // Terminal: pad by display width (CJK characters take two columns).
  const width = (text: string) => [...text].reduce((sum, ch) => sum + (/[\u1100-\uffff]/.test(ch) && !/[–—×≥≤÷]/.test(ch) ? 2 : 1), 0);
  const widths = header.map((h, i) => Math.max(width(h), ...cells.map((c) => width(c[i]!))));
  const pad = (text: string, i: number) => text + ' '.repeat(widths[i]! - width(text));
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  return [header.map(pad).join(' │ '), rule, ...cells.map((c) => c.map(pad).join(' │ '))].join('\n');
}

export function printReport(sections: Section[]): void {
  console.log(`\n${table(sections.flatMap((s) => s.rows), false)}\n`);
  for (const section of sections) {
    if (section.notes.length === 0) continue;
    console.log(`${section.benchmark}:`);
    for (const note of section.notes) console.log(`  - ${note}`);
  }
}

function safe(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

export interface MachineInfo {
  cores: string;
  memory: string;
  cpu: string;
  node: string;
  postgres: string;
  date: string;
  commit: string;
  load: string;
}

export function describeMachine(postgresVersion: string): MachineInfo {
  const cpuModel = os.cpus()[0]?.model ?? 'unknown';
  const dirty = safe('git', ['status', '--porcelain', '--untracked-files=no']) !== '' ? ' (with uncommitted changes)' : '';
  return {
    cores: safe('nproc', []),
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    cpu: cpuModel,
    node: process.version,
    postgres: postgresVersion,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit: safe('git', ['rev-parse', '--short', 'HEAD']) + dirty,
    load: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}

export function writeResults(file: string, machine: MachineInfo, sections: Section[], options: { command: string; settings: string[]; analysis: string }): void {
  const lines = [
    '# OneHall benchmark results',
    '',
    `Written by \`${options.command}\` (bench/run.ts). Re-run it to refresh this file; the analysis at the end is written by hand and kept between runs.`,
    '',
    '## Machine',
    '',
    `- cores (\`nproc\`): ${machine.cores}; memory: ${machine.memory}; CPU: ${machine.cpu}`,
    `- Node ${machine.node}; ${machine.postgres}`,
    `- date: ${machine.date}; commit: ${machine.commit}; load average at the start: ${machine.load}`,
    ...options.settings.map((s) => `- ${s}`),
    '',
    '## Results',
    '',
    table(sections.flatMap((s) => s.rows), true),
    '',
    '## Details',
    '',
    ...sections.flatMap((s) => (s.notes.length > 0 ? [`**${s.benchmark}**`, '', ...s.notes.map((n) => `- ${n}`), ''] : [])),
    options.analysis,
  ];
  fs.writeFileSync(file, `${lines.join('\n').trimEnd()}\n`);
}

/** The hand-written analysis section of an existing RESULTS.md, kept when the file is rewritten. */
export function readAnalysis(file: string): string {
  if (!fs.existsSync(file)) return '';
  const text = fs.readFileSync(file, 'utf8');
  const at = text.indexOf('## Analysis');
  return at >= 0 ? text.slice(at) : '';
}

/**
 * Where the CPU went during a measurement: the load generator (this
 * process), the hall server processes, the PostgreSQL backends serving our
 * database, and the whole machine (the other engineer's test runs share it).
 * Read from /proc, in seconds of CPU per second of wall time (2.0 = both cores).
 */
import fs from 'node:fs';
import os from 'node:os';
import type pg from 'pg';

const ticksPerSecond = 100; // USER_HZ on Linux

function processTicks(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0;
  }
}

function machineBusyTicks(): number {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return user! + nice! + system! + irq! + softirq! + steal!;
}

export interface CpuShare {
  loadGenerator: number;
  server: number;
  postgres: number;
  machine: number;
  cores: number;
}

export interface CpuProbe {
  stop(): Promise<CpuShare>;
}

/** Starts measuring; `backendPids` lists the PostgreSQL backends of our database (asked again at the end). */
export async function startCpuProbe(serverPids: number[], admin: pg.Pool, database: string, extraPids: () => number[] = () => []): Promise<CpuProbe> {
  const backendPids = async () =>
    (await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database])).rows.map((row) => row.pid);
  const startedAt = performance.now();
  const self = process.cpuUsage();
  const serverStart = serverPids.reduce((sum, pid) => sum + processTicks(pid), 0);
  const before = new Map<number, number>();
  for (const pid of await backendPids()) before.set(pid, processTicks(pid));
  const extraBefore = new Map<number, number>();
  for (const pid of extraPids()) extraBefore.set(pid, processTicks(pid));
  const machineStart = machineBusyTicks();
  return {
    async stop() {
      const seconds = (performance.now() - startedAt) / 1000;
      const selfUsed = process.cpuUsage(self);
      const serverUsed = serverPids.reduce((sum, pid) => sum + processTicks(pid), 0) - serverStart;
      let postgresUsed = 0;
      for (const pid of await backendPids()) postgresUsed += processTicks(pid) - (before.get(pid) ?? 0);
      let extraUsed = 0;
      for (const pid of extraPids()) extraUsed += processTicks(pid) - (extraBefore.get(pid) ?? 0);
      const machineUsed = machineBusyTicks() - machineStart;
      return {
        loadGenerator: (selfUsed.user + selfUsed.system) / 1e6 / seconds,
        server: (serverUsed + extraUsed) / ticksPerSecond / seconds,
        postgres: postgresUsed / ticksPerSecond / seconds,
        machine: machineUsed / ticksPerSecond / seconds,
        cores: os.availableParallelism(),
      };
    },
  };
}

/** Cores busy on the whole machine over `seconds`: to wait for a quiet machine before measuring. */
export async function machineBusy(seconds: number): Promise<number> {
  const start = machineBusyTicks();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  return (machineBusyTicks() - start) / ticksPerSecond / seconds;
}

export function describeCpu(share: CpuShare): string {
  const f = (value: number) => value.toFixed(2);
  const rest = Math.max(0, share.machine - share.loadGenerator - share.server - share.postgres);
  return `CPU (cores busy of ${share.cores}): load generator ${f(share.loadGenerator)}, server ${f(share.server)}, postgres backends ${f(share.postgres)}, rest ${f(rest)} (kernel, PostgreSQL's own processes, anything else running), whole machine ${f(share.machine)}`;
}

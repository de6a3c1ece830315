/**
 * The peer: the same two-step approval run by bpmn-engine, in a process of
 * its own like the hall server, with the same PostgreSQL pool size. As its
 * users do, the engine's state (engine.getState()) is saved as a jsonb row
 * per process after each step, and each step resumes from the saved state:
 *
 *   start:    new Engine → execute → waits at user task a → insert state
 *   approve:  lock the row → recover(state) → resume → signal(a) → waits at b → update state
 *   approve:  lock the row → recover(state) → resume → signal(b) → ends → update state
 *
 * The definition's XML is parsed once (moddleContext), the cheapest way the
 * library offers to start instances. Prints one JSON line with the result,
 * then waits for stdin to close (the parent measures our CPU time meanwhile).
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
// bpmn-moddle ships no types.
// @ts-expect-error no declaration file
import BpmnModdle from 'bpmn-moddle';
import pg from 'pg';
import { runClosedLoop, quantile, allLatencies } from './lib/load.ts';

const source = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="bench" targetNamespace="http://onehall.example/bench">
  <process id="approval" isExecutable="true">
    <startEvent id="start" />
    <sequenceFlow id="toA" sourceRef="start" targetRef="a" />
    <userTask id="a" name="一审" />
    <sequenceFlow id="toB" sourceRef="a" targetRef="b" />
    <userTask id="b" name="二审" />
    <sequenceFlow id="toEnd" sourceRef="b" targetRef="end" />
    <endEvent id="end" />
  </process>
</definitions>`;

const env = process.env;
const clients = Number(env.PEER_CLIENTS ?? 32);
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: Number(env.PEER_POOL_SIZE ?? 10) });
pool.on('error', () => {});
const moddleContext: unknown = await new BpmnModdle().fromXML(source);

await pool.query(`create table if not exists bpmn_process (
  id uuid primary key, state jsonb not null, status text not null,
  created_at timestamptz not null default now(), updated_at timestamptz not null default now())`);

/** Resolves with the id of the next user task the engine waits at (other than `skip`), or 'end'. */
function nextStop(engine: Engine, listener: EventEmitter, skip?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // A resumed engine announces the task it was waiting at again: that is not the next stop.
    listener.on('wait', (api: { id: string }) => {
      if (api.id !== skip) resolve(api.id);
    });
    engine.once('end', () => resolve('end'));
    engine.once('error', reject);
  });
}

async function start(): Promise<string> {
  const id = randomUUID();
  const engine = new Engine({ name: id, moddleContext } as ConstructorParameters<typeof Engine>[0]);
  const listener = new EventEmitter();
  const stop = nextStop(engine, listener);
  await engine.execute({ listener, variables: { applicant: 'bench', data: { siteName: '计算机学院官网' } } });
  if ((await stop) !== 'a') throw new Error('peer: did not wait at a');
  const state = await engine.getState();
  await engine.stop();
  await pool.query(`insert into bpmn_process (id, state, status) values ($1, $2, 'running')`, [id, JSON.stringify(state)]);
  return id;
}

async function approve(id: string, taskId: string, expected: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const { rows } = await client.query<{ state: object }>('select state from bpmn_process where id = $1 for update', [id]);
    const engine = new Engine({ name: id }).recover(rows[0]!.state);
    const listener = new EventEmitter();
    const stop = nextStop(engine, listener, taskId);
    const execution = await engine.resume({ listener });
    execution.signal({ id: taskId, message: { approved: true, opinion: '同意' } });
    const reached = await stop;
    if (reached !== expected) throw new Error(`peer: reached ${reached}, expected ${expected}`);
    const state = await engine.getState();
    if (reached !== 'end') await engine.stop();
    await client.query('update bpmn_process set state = $2, status = $3, updated_at = now() where id = $1', [id, JSON.stringify(state), reached === 'end' ? 'completed' : 'running']);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

const result = await runClosedLoop({
  clients,
  warmupSeconds: Number(env.PEER_WARMUP ?? 2),
  durationSeconds: Number(env.PEER_DURATION ?? 10),
  step: async () => {
    const id = await start();
    await approve(id, 'a', 'b');
    await approve(id, 'b', 'end');
    return 'ok';
  },
});
const { rows } = await pool.query<{ completed: number; bytes: number }>(
  `select count(*) filter (where status = 'completed')::int as completed, coalesce(avg(pg_column_size(state)), 0)::int as bytes from bpmn_process`,
);
process.stdout.write(
  `${JSON.stringify({
    completed: result.counts.ok ?? 0,
    errors: result.counts.error ?? 0,
    firstError: result.errors[0] ?? null,
    seconds: result.seconds,
    p50: quantile(allLatencies(result), 0.5),
    p99: quantile(allLatencies(result), 0.99),
    completedRows: rows[0]!.completed,
    stateBytes: rows[0]!.bytes,
  })}\n`,
);
// Stay until the parent has read our CPU time and that of our database connections; it then closes stdin.
process.stdin.on('end', () => {
  pool.end().finally(() => process.exit(0));
});
process.stdin.resume();

/**
 * The 待办 data set of todo-list-1m: 1 million applications of a
 * three-step process (辅导员审批 → 学院审批 → 学工处备案) in one school of
 * 100 departments, 400 classes, 400 counsellors, 200 other approvers and
 * 20,000 students.
 *
 * - Two applications are made over HTTP by the hall itself, one finished
 *   and one waiting at its counsellor, so every column is what the hall writes.
 * - Finished applications (98 % at full scale) are the history of
 *   lib/history.ts: copies of the finished one with 3 tasks and 10
 *   timeline rows each, spread over every student and their class's
 *   counsellor and department's dean, over the past two years.
 * - Running applications wait at 辅导员审批 with one pending task: 5,000 for
 *   one counsellor, 200 for another, and the rest spread at random over
 *   the other counsellors (about 37 each at full scale), received over the
 *   past 30 days. Their engine state, title and timeline name their own
 *   applicant and approvers.
 *
 * lib/todo-cache.ts keeps the result between runs.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { BenchOptions } from './options.ts';
import { ignoreIdleErrors } from './database.ts';
import { startServers } from './server.ts';
import { Fixtures, benchFormData, benchPassword, type BenchPerson } from './fixtures.ts';
import { HallClient, logInAll, type ApplicationReply } from './http.ts';
import { growHistory, rowsPerApplication } from './history.ts';
import { copySql, dependentsOfApplication, quote } from './copy-sql.ts';

/** Bump when the data changes shape: the cached databases are named by it. */
export const generatorVersion = 1;
export const todoServiceCode = 'bench-todo';
const departments = 100;
const classesPerDepartment = 4;
const studentsPerClass = 50;
/** The two counsellors the benchmark reads: their 待办 lengths, whatever the scale. */
export const bigTodos = 5_000;
export const typicalTodos = 200;

export interface TodoPerson {
  personId: string;
  accountNo: string;
  todos: number;
}

export interface TodoDataset {
  /** The cached database, used only as a template. */
  database: string;
  scale: number;
  big: TodoPerson;
  typical: TodoPerson;
  counts: { applications: number; running: number; tasks: number; pendingTasks: number; timeline: number; counsellors: number; approvers: number; students: number };
  sizes: string;
  generatedSeconds: number;
  madeAt: string;
}

/** Applications at a scale: running ones are the two counsellors' plus 1.48 % of the rest of a million. */
export function todoPlan(scale: number): { applications: number; running: number; finished: number } {
  const applications = Math.round(1_000_000 * scale);
  const running = bigTodos + typicalTodos + Math.round(14_800 * scale);
  if (running >= applications) throw new Error(`--todo-scale ${scale} is too small for ${running} running applications`);
  return { applications, running, finished: applications - running };
}

export function urlOf(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A small seeded random generator (mulberry32): the same data set at every generation. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface School {
  template: { student: BenchPerson; counsellor: BenchPerson; dean: BenchPerson; office: BenchPerson; studentName: string };
  /** Per class: its counsellor and students, and its department's dean and office. */
  classes: { counsellor: BenchPerson; dean: BenchPerson; office: BenchPerson; students: BenchPerson[] }[];
}

/** Departments, classes with their counsellors, deans, offices and students; the template department first. */
async function makeSchool(fixtures: Fixtures, pool: pg.Pool): Promise<School> {
  await pool.query(`insert into role (code, name) values ('bench_todo_dean', '压测学院审批'), ('bench_todo_office', '压测学工备案') on conflict do nothing`);
  const makeDepartment = async (code: string, classes: number, students: number) => {
    const department = await fixtures.createDepartment(code);
    const counsellors = await fixtures.createPeople(`${code}-counsellor`, classes, department);
    const [dean] = await fixtures.createPeople(`${code}-dean`, 1, department, ['bench_todo_dean']);
    const [office] = await fixtures.createPeople(`${code}-office`, 1, department, ['bench_todo_office']);
    const result: School['classes'] = [];
    for (let c = 0; c < classes; c++) {
      const { rows } = await pool.query<{ id: string }>(
        `insert into class (code, name, grade, department_id, counsellor_person_id) values ($1, $2, '2024', $3, $4) returning id`,
        [`${code}-c${c}`, `压测 ${code} ${c + 1} 班`, department, counsellors[c]!.personId],
      );
      const members = await fixtures.createPeople(`${code}-c${c}-s`, students, department, [], 'student');
      await pool.query('update person set class_id = $1 where id = any($2::uuid[])', [rows[0]!.id, members.map((m) => m.personId)]);
      result.push({ counsellor: counsellors[c]!, dean: dean!, office: office!, students: members });
    }
    return result;
  };
  const [template] = await makeDepartment('todo-template', 1, 1);
  const { rows } = await pool.query<{ name: string }>('select name from person where id = $1', [template!.students[0]!.personId]);
  const classes: School['classes'] = [];
  for (let d = 0; d < departments; d++) classes.push(...(await makeDepartment(`todo-d${d}`, classesPerDepartment, studentsPerClass)));
  return { template: { student: template!.students[0]!, counsellor: template!.counsellor, dean: template!.dean, office: template!.office, studentName: rows[0]!.name }, classes };
}

/** The two applications the copies are made of, by the hall over HTTP: one approved by all three steps, one waiting at its counsellor. */
async function makeTemplates(baseUrl: string, school: School): Promise<{ finished: string; running: string }> {
  const { student, counsellor, dean, office } = school.template;
  const people = [student, counsellor, dean, office];
  const clients = people.map(() => new HallClient(baseUrl));
  await logInAll(people.map((person, i) => ({ client: clients[i]!, accountNo: person.accountNo, password: benchPassword })));
  const submit = async () => {
    const reply = await clients[0]!.post<ApplicationReply>('/api/applications', { serviceCode: todoServiceCode, data: benchFormData, idempotencyKey: randomUUID() });
    if (reply.status !== 201) throw new Error(`todo data: submit ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
    return reply.body;
  };
  let finished = await submit();
  for (const [step, approver] of [[1, counsellor], [2, dean], [3, office]] as const) {
    const task = finished.tasks.find((t) => t.status === 'pending' && t.assignee.personId === approver.personId);
    if (!task) throw new Error(`todo data: no pending task for step ${step}`);
    const reply = await clients[step]!.post<ApplicationReply>(`/api/tasks/${task.id}/approve`, { opinion: '同意', idempotencyKey: randomUUID() });
    if (reply.status !== 200) throw new Error(`todo data: approve ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
    finished = reply.body;
  }
  if (finished.status !== 'approved') throw new Error(`todo data: the finished template is ${finished.status}`);
  const running = await submit();
  const pending = running.tasks.filter((t) => t.status === 'pending');
  if (pending.length !== 1 || pending[0]!.assignee.personId !== counsellor.personId) throw new Error('todo data: the running template does not wait at its counsellor alone');
  await Promise.all(clients.map((c) => c.close()));
  return { finished: finished.id, running: running.id };
}

/** Copies the running template `plan.length` times, each for its applicant and counsellor at its time. */
async function makeRunning(pool: pg.Pool, templateId: string, school: School, plan: { student: BenchPerson; accountId: string; name: string; cls: School['classes'][number]; at: Date }[]): Promise<void> {
  const t = school.template;
  const client = await pool.connect();
  try {
    await client.query('set session_replication_role = replica'); // rows are built valid; skip the foreign-key triggers of a bulk load
    await client.query('set synchronous_commit = off');
    await client.query('set jit = off');
    await client.query('begin');
    await client.query(`create temp table todo_of (id uuid primary key, n int, applicant uuid, account uuid, applicant_name text, counsellor uuid, dean uuid, office uuid, at timestamptz) on commit drop`);
    await client.query(
      `insert into todo_of select gen_random_uuid(), n, applicant, account, applicant_name, counsellor, dean, office, at
         from unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::timestamptz[]) with ordinality
              as p(applicant, account, applicant_name, counsellor, dean, office, at, n)`,
      [plan.map((p) => p.student.personId), plan.map((p) => p.accountId), plan.map((p) => p.name), plan.map((p) => p.cls.counsellor.personId), plan.map((p) => p.cls.dean.personId), plan.map((p) => p.cls.office.personId), plan.map((p) => p.at)],
    );
    const names = (expression: string) =>
      `replace(replace(replace(replace(${expression}, $2::text, h.applicant::text), $3::text, h.counsellor::text), $4::text, h.dean::text), $5::text, h.office::text)`;
    const ids = [templateId, t.student.personId, t.counsellor.personId, t.dean.personId, t.office.personId];
    await client.query(
      await copySql(client, 'application', 't', 'application t, todo_of h where t.id = $1 order by h.at', {
        id: 'h.id',
        serial_no: `'T' || lpad(h.n::text, 12, '0')`,
        idempotency_key: `'todo-' || h.n`,
        applicant_person_id: 'h.applicant',
        applicant_account_id: 'h.account',
        title: 'replace(t.title, $6::text, h.applicant_name)',
        engine_state: `${names('t.engine_state::text')}::jsonb`,
        submitted_at: 'h.at',
        updated_at: 'h.at',
      }),
      [...ids, t.studentName],
    );
    await client.query(
      await copySql(client, 'task', 'x', 'task x, todo_of h where x.application_id = $1 order by h.at', {
        id: 'gen_random_uuid()',
        application_id: 'h.id',
        assignee_person_id: 'h.counsellor',
        engine_key: names('x.engine_key'),
        created_at: 'h.at',
      }),
      ids,
    );
    await client.query(
      await copySql(client, 'timeline', 'x', 'timeline x, todo_of h where x.application_id = $1 order by h.at, x.id', {
        application_id: 'h.id',
        actor_person_id: `case when x.actor_person_id = $2::uuid then h.applicant else x.actor_person_id end`,
        at: 'h.at',
      }),
      [templateId, t.student.personId],
    );
    // Every other table holding an application's rows (the action log, …): as the template has them.
    for (const { table, column } of await dependentsOfApplication(client)) {
      if (table === 'task' || table === 'timeline') continue;
      await client.query(await copySql(client, table, 'd', `${quote(table)} d, todo_of h where d.${quote(column)} = $1 order by h.at`, { [column]: 'h.id' }), [templateId]);
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.query('reset session_replication_role').catch(() => {});
    await client.query('reset synchronous_commit').catch(() => {});
    await client.query('reset jit').catch(() => {});
    client.release();
  }
}

/** Fills an empty database with the data set (about 5 minutes at full scale); returns what the benchmark needs to know. */
export async function generateTodoData(options: BenchOptions, database: string, log: (line: string) => void): Promise<Omit<TodoDataset, 'database' | 'sizes' | 'generatedSeconds' | 'madeAt'>> {
  const url = urlOf(options.adminUrl, database);
  const plan = todoPlan(options.todoScale);
  // The hall migrates the new database at start and makes the two templates.
  const servers = await startServers({ databaseUrl: url, processes: 1, poolSize: undefined, nodeArgs: [], logLevel: options.serverLogLevel });
  const pool = ignoreIdleErrors(new pg.Pool({ connectionString: url, max: 4 }));
  const fixtures = await Fixtures.open(url, pool);
  try {
    const school = await makeSchool(fixtures, pool);
    await fixtures.publishService(todoServiceCode, {
      nodes: [
        { id: 'counsellor', type: 'approver', name: '辅导员审批', assignee: { kind: 'counsellor' }, mode: 'any' },
        { id: 'dean', type: 'approver', name: '学院审批', assignee: { kind: 'role', role: 'bench_todo_dean', scope: 'applicantDepartment' }, mode: 'any' },
        { id: 'office', type: 'approver', name: '学工处备案', assignee: { kind: 'role', role: 'bench_todo_office', scope: 'applicantDepartment' }, mode: 'any' },
      ],
    });
    log(`todo data: ${school.classes.length} classes, ${school.classes.length * studentsPerClass} students; templates over HTTP`);
    const templates = await makeTemplates(servers.urls[0]!, school);
    await servers.stop();

    const accountOf = new Map<string, string>();
    const { rows: accounts } = await pool.query<{ person_id: string; id: string; name: string }>('select a.person_id, a.id, p.name from account a join person p on p.id = a.person_id');
    const nameOf = new Map<string, string>();
    for (const row of accounts) accountOf.set(row.person_id, row.id), nameOf.set(row.person_id, row.name);

    // History: the template's applicant and approvers first (lib/history.ts maps the template's first approver to pair[0], the others to pair[1]).
    const students = school.classes.flatMap((cls) => cls.students.map((student) => ({ student, cls })));
    const t = school.template;
    log(`todo data: ${plan.finished.toLocaleString('en-US')} finished applications (${(plan.finished * rowsPerApplication).toLocaleString('en-US')} timeline rows)`);
    await growHistory(
      pool,
      {
        templateId: templates.finished,
        applicants: [{ personId: t.student.personId, accountId: accountOf.get(t.student.personId)! }, ...students.map(({ student }) => ({ personId: student.personId, accountId: accountOf.get(student.personId)! }))],
        approvers: [[t.counsellor.personId, t.dean.personId], ...students.map(({ cls }) => [cls.counsellor.personId, cls.dean.personId] as [string, string])],
      },
      plan.finished * rowsPerApplication,
      log,
    );

    // Running: 5,000 for the first class's counsellor, 200 for the fifth's (another department), the rest at random over the others.
    const rand = random(20261125);
    const big = school.classes[0]!;
    const typical = school.classes[classesPerDepartment]!;
    const others = school.classes.filter((cls) => cls !== big && cls !== typical);
    const owners = [...Array.from({ length: bigTodos }, () => big), ...Array.from({ length: typicalTodos }, () => typical)];
    for (let i = owners.length; i < plan.running; i++) owners.push(others[Math.floor(rand() * others.length)]!);
    const now = Date.now();
    const running = owners.map((cls) => {
      const student = cls.students[Math.floor(rand() * cls.students.length)]!;
      return { student, cls, accountId: accountOf.get(student.personId)!, name: nameOf.get(student.personId)!, at: new Date(now - rand() * 30 * 86_400_000) };
    });
    log(`todo data: ${plan.running.toLocaleString('en-US')} running applications waiting at their counsellor`);
    await makeRunning(pool, templates.running, school, running);

    const { rows } = await pool.query<{ applications: number; tasks: number; pending: number; timeline: number }>(
      `select (select count(*)::int from application) as applications, (select count(*)::int from task) as tasks,
              (select count(*)::int from task where status = 'pending') as pending, (select count(*)::int from timeline) as timeline`,
    );
    const counts = rows[0]!;
    return {
      scale: options.todoScale,
      big: { personId: big.counsellor.personId, accountNo: big.counsellor.accountNo, todos: bigTodos },
      typical: { personId: typical.counsellor.personId, accountNo: typical.counsellor.accountNo, todos: typicalTodos },
      counts: {
        applications: counts.applications,
        running: plan.running + 1,
        tasks: counts.tasks,
        pendingTasks: counts.pending,
        timeline: counts.timeline,
        counsellors: school.classes.length + 1,
        approvers: school.classes.length + 2 * departments + 3,
        students: students.length + 1,
      },
    };
  } finally {
    await servers.stop();
    await fixtures.close();
    await pool.end();
  }
}

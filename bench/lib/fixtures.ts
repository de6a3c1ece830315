/**
 * Benchmark data, built directly in the database before any timing starts:
 * departments, people with accounts and roles, and published services. The
 * form and the process definition go through the hall's own services, so
 * they are validated exactly as an administrator's would be.
 */
import type pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../apps/server/src/platform/db.ts';
import { hashPassword } from '../../apps/server/src/modules/identity/password.ts';
import { createFormsService } from '../../apps/server/src/modules/forms/forms.service.ts';
import { createDefinitionsService } from '../../apps/server/src/modules/workflow/definitions.service.ts';

export const benchPassword = 'Bench-Passw0rd!';

/** The form every benchmark service uses: the shape of the hall's website-change form. */
export const benchForm = {
  fields: [
    { key: 'siteName', type: 'text', label: '网站名称', required: true, maxLength: 50 },
    { key: 'siteUrl', type: 'url', label: '网站地址', required: true },
    { key: 'changeType', type: 'select', label: '变更类型', required: true, options: [{ value: 'content', label: '内容更新' }, { value: 'offline', label: '网站下线' }] },
    { key: 'contactPhone', type: 'phone', label: '联系电话', required: true },
    { key: 'reason', type: 'textarea', label: '变更说明', required: false, maxLength: 500 },
  ],
};

export const benchFormData = {
  siteName: '计算机学院官网',
  siteUrl: 'https://cs.example.edu.cn',
  changeType: 'content',
  contactPhone: '13912345678',
  reason: '更新招生简章与导航栏',
};

/** Two approval steps, each decided by any one holder of a role in the applicant's department (或签). */
export function twoStepProcess(roleA: string, roleB: string) {
  return {
    nodes: [
      { id: 'a', type: 'approver', name: '一审', assignee: { kind: 'role', role: roleA, scope: 'applicantDepartment' }, mode: 'any' },
      { id: 'b', type: 'approver', name: '二审', assignee: { kind: 'role', role: roleB, scope: 'applicantDepartment' }, mode: 'any' },
    ],
  };
}

export interface BenchPerson {
  personId: string;
  accountId: string;
  accountNo: string;
}

let passwordHash: Promise<string> | undefined;

export class Fixtures {
  readonly pool: pg.Pool;
  private readonly handle: DatabaseHandle;

  private constructor(pool: pg.Pool, handle: DatabaseHandle) {
    this.pool = pool;
    this.handle = handle;
  }

  static async open(databaseUrl: string, pool: pg.Pool): Promise<Fixtures> {
    return new Fixtures(pool, await openDatabase({ url: databaseUrl, dataDir: 'memory://', poolSize: 2 }));
  }

  async close(): Promise<void> {
    await this.handle.close();
  }

  async createDepartment(code: string): Promise<string> {
    const { rows } = await this.pool.query<{ id: string }>('insert into department (code, name) values ($1, $2) returning id', [code, `压测部门 ${code}`]);
    return rows[0]!.id;
  }

  /**
   * People with active accounts whose password is already changed. One argon2
   * hash serves every account: hashing is the slow part and not what we measure.
   */
  async createPeople(prefix: string, count: number, departmentId: string, roles: string[] = [], kind: 'student' | 'staff' = 'staff'): Promise<BenchPerson[]> {
    passwordHash ??= hashPassword(benchPassword);
    const hash = await passwordHash;
    for (const role of roles) await this.pool.query('insert into role (code, name) values ($1, $1) on conflict do nothing', [role]);
    const { rows } = await this.pool.query<{ person_id: string; account_id: string; account_no: string }>(
      `with p as (
         insert into person (name, kind, department_id, phone)
         select $1 || '-' || g, $2, $3, '13800138000' from generate_series(1, $4::int) g
         returning id, name)
       insert into account (person_id, account_no, kind, password_hash, must_change_password, password_changed_at)
       select p.id, p.name, $2, $5, false, now() from p
       returning person_id, id as account_id, account_no`,
      [prefix, kind, departmentId, count, hash],
    );
    for (const role of roles) {
      await this.pool.query('insert into person_role (person_id, role_code, department_id) select unnest($1::uuid[]), $2, $3', [rows.map((r) => r.person_id), role, departmentId]);
    }
    return rows.map((row) => ({ personId: row.person_id, accountId: row.account_id, accountNo: row.account_no })).sort((a, b) => a.accountNo.localeCompare(b.accountNo, 'en', { numeric: true }));
  }

  /** Publishes a service with the benchmark form and the given process. */
  async publishService(code: string, process: object): Promise<{ serviceId: string; formId: string; processId: string }> {
    const forms = createFormsService({ db: this.handle.db });
    const form = await forms.publish(code, benchForm);
    const definition = await createDefinitionsService({ db: this.handle.db, forms }).publish(code, process);
    const department = await this.createDepartment(`svc-${code}`);
    const { rows: categories } = await this.pool.query<{ id: string }>('insert into category (name) values ($1) returning id', [`压测 ${code}`]);
    const guide = { purpose: '压测', audience: '全体', materials: [], timeLimit: '1 天', process: '审批', departmentName: '压测部门', contactPhone: '029-1' };
    const { rows } = await this.pool.query<{ id: string }>(
      `insert into service (code, name, category_id, department_id, guide, form_key, process_key)
       values ($1, $2, $3, $4, $5, $1, $1) returning id`,
      [code, `压测服务 ${code}`, categories[0]!.id, department, JSON.stringify(guide)],
    );
    return { serviceId: rows[0]!.id, formId: form.id, processId: definition.id };
  }
}

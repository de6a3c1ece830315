import { randomUUID } from 'node:crypto';
import {
  classImportColumns, departmentImportColumns, departmentPhonePattern, departmentPhoneRule, organizationImportLimits,
  type ClassImportColumn, type DepartmentImportColumn, type OrganizationImportBody, type OrganizationImportKind, type OrganizationImportReportDto,
} from '@onehall/contracts';
import { isUniqueViolation, type Db, type Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { AuditService, RequestOrigin } from '../audit/audit.service.ts';
import { readCsvRows, type CsvRow, type ImportProblem } from './csv-rows.ts';
import * as repo from './organization.repository.ts';

type Change = OrganizationImportReportDto['changes'][number];
type Counts = OrganizationImportReportDto['counts'];

/** What an import found: its figures, the rows that change, and how to write them. */
interface Plan {
  counts: Counts;
  changes: Change[];
  apply: (tx: Tx) => Promise<void>;
}

const codePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const codeRule = '编码为 1–32 位字母、数字（可含 _ . -），以字母或数字开头';

const headerOf = <K extends string>(columns: readonly { key: K; header: string }[]) => Object.fromEntries(columns.map((c) => [c.key, c.header])) as Record<K, string>;
const departmentHeader = headerOf(departmentImportColumns);
const classHeader = headerOf(classImportColumns);

/** The problems of one row, each with its line and column. */
function problemsAt<K extends string>(problems: ImportProblem[], line: number, headers: Record<K, string>) {
  return (column: K, code: string, message: string) => problems.push({ line, column: headers[column], code, message });
}

/**
 * Looks up the people a file names by 学号/工号 (负责人工号, 辅导员工号): a
 * number the hall has not got, or one whose account is disabled (the person
 * left, or has a new number), is a problem of the row.
 */
export async function peopleByAccountNo(db: Db, accountNos: string[]) {
  const found = new Map((await repo.findAccountsByNo(db, [...new Set(accountNos)])).map((row) => [row.account_no, row]));
  return (accountNo: string, problem: (code: string, message: string) => void): string | undefined => {
    const account = found.get(accountNo);
    if (!account) problem('ACCOUNT_UNKNOWN', `没有学号/工号为“${accountNo}”的账号：请先导入该人员，或检查工号`);
    else if (account.status !== 'active') problem('ACCOUNT_DISABLED', `账号“${accountNo}”（${account.name}）已停用：请填写此人正在使用的学号/工号`);
    else return account.person_id;
    return undefined;
  };
}

/** The code and name every row must have, checked alike in both files; undefined when either is wrong. */
function codeAndName<K extends string>(row: CsvRow<K>, keys: { code: K; name: K }, problem: (column: K, code: string, message: string) => void) {
  const code = row.cells.get(keys.code) ?? '';
  const name = row.cells.get(keys.name) ?? '';
  if (!code) problem(keys.code, 'CODE_REQUIRED', '编码不能为空');
  else if (!codePattern.test(code)) problem(keys.code, 'CODE_INVALID', codeRule);
  if (!name) problem(keys.name, 'NAME_REQUIRED', '名称不能为空');
  else if (name.length > 50) problem(keys.name, 'NAME_TOO_LONG', '名称最多 50 个字');
  return code && codePattern.test(code) && name && name.length <= 50 ? { code, name } : undefined;
}

/**
 * Counts a row whose code the hall has, and lists it when it changes
 * something (`changed`: the headers of the columns that change, false for
 * those that do not); answers whether it does.
 */
function countUpdate(plan: { counts: Counts; changes: Change[] }, row: { line: number; code: string; name: string }, changed: (string | false)[]): boolean {
  const changedColumns = changed.filter((header): header is string => header !== false);
  if (changedColumns.length === 0) {
    plan.counts.unchanged += 1;
    return false;
  }
  plan.counts.update += 1;
  plan.changes.push({ ...row, action: 'update', changedColumns });
  return true;
}

/** Counts and lists a row whose code is new. */
function countCreate(plan: { counts: Counts; changes: Change[] }, row: { line: number; code: string; name: string }): void {
  plan.counts.create += 1;
  plan.changes.push({ ...row, action: 'create', changedColumns: [] });
}

/**
 * The chain from a department up through `parentCode` when it comes back to
 * the department (A → B → A), or null; `parentOf` is the tree as it will be,
 * by code.
 */
export function cycleThrough(parentOf: ReadonlyMap<string, string | null>, code: string, parentCode: string): string[] | null {
  const chain = [code];
  for (let at: string | null | undefined = parentCode; at; at = parentOf.get(at)) {
    chain.push(at);
    if (at === code) return chain;
    if (chain.length > parentOf.size + 1) return null; // a loop above, not through this department
  }
  return null;
}

/** Refuses a code the file has already given on an earlier line. */
function duplicateCheck() {
  const seenAt = new Map<string, number>();
  return (code: string, line: number, problem: (message: string) => void): boolean => {
    const earlier = seenAt.get(code);
    if (earlier !== undefined) {
      problem(`与第 ${earlier} 行的编码重复`);
      return false;
    }
    seenAt.set(code, line);
    return true;
  };
}

/**
 * The departments import (导入部门). A department's parent may be in the
 * hall or anywhere in the file (a child may come before its parent); the
 * tree the import leaves has no cycle. 负责人工号 makes the person the
 * department's head (部门负责人), whom 'department head' approval steps ask.
 */
async function planDepartments(db: Db, rows: CsvRow<DepartmentImportColumn>[], problems: ImportProblem[]): Promise<Plan> {
  const tally = { counts: { create: 0, update: 0, unchanged: 0 }, changes: [] as Change[] };
  const existing = await repo.findDepartments(db);
  const byCode = new Map(existing.map((d) => [d.code, d]));
  const codeOfId = new Map(existing.map((d) => [d.id, d.code]));
  // Each department's parent as the import will leave it, by code.
  const parentOf = new Map(existing.map((d) => [d.code, d.parent_id ? (codeOfId.get(d.parent_id) ?? null) : null]));
  const codesInFile = new Set(rows.map((row) => row.cells.get('code') ?? '').filter(Boolean));
  const personOf = await peopleByAccountNo(db, rows.map((row) => row.cells.get('headAccountNo') ?? '').filter(Boolean));
  const isFirst = duplicateCheck();

  interface Planned { line: number; code: string; name: string; parentCode: string | undefined; phone: string | undefined; headPersonId: string | undefined }
  const planned: Planned[] = [];
  for (const row of rows) {
    const before = problems.length;
    const problem = problemsAt(problems, row.line, departmentHeader);
    const cell = (column: DepartmentImportColumn) => row.cells.get(column) || undefined;
    const keyed = codeAndName(row, { code: 'code', name: 'name' }, problem);
    const parentCode = cell('parentCode');
    if (keyed && parentCode !== undefined) {
      if (parentCode === keyed.code) problem('parentCode', 'PARENT_SELF', '上级部门不能是部门自己');
      else if (!byCode.has(parentCode) && !codesInFile.has(parentCode)) problem('parentCode', 'PARENT_UNKNOWN', `没有编码为“${parentCode}”的部门（系统和文件中都没有）`);
    }
    const phone = cell('phone');
    if (phone !== undefined && !departmentPhonePattern.test(phone)) problem('phone', 'PHONE_INVALID', departmentPhoneRule);
    const headAccountNo = cell('headAccountNo');
    const headPersonId = headAccountNo === undefined ? undefined : personOf(headAccountNo, (code, message) => problem('headAccountNo', code, message));
    if (!keyed || problems.length > before) continue;
    if (!isFirst(keyed.code, row.line, (message) => problem('code', 'DUPLICATE_CODE', message))) continue;
    planned.push({ line: row.line, ...keyed, parentCode, phone, headPersonId });
    if (parentCode !== undefined) parentOf.set(keyed.code, parentCode);
    else if (!parentOf.has(keyed.code)) parentOf.set(keyed.code, null);
  }

  // The tree as it will be: a parent chain that comes back to the department is refused on its line.
  for (const department of planned) {
    if (department.parentCode === undefined) continue;
    const cycle = cycleThrough(parentOf, department.code, department.parentCode);
    if (cycle) problems.push({ line: department.line, column: departmentHeader.parentCode, code: 'PARENT_CYCLE', message: `上级部门形成循环：${cycle.join(' → ')}` });
  }

  const writes: { id: string; isNew: boolean; code: string; values: { name: string; phone: string | null; head_person_id: string | null }; parentCode: string | undefined }[] = [];
  for (const department of planned) {
    const current = byCode.get(department.code);
    const row = { line: department.line, code: department.code, name: department.name };
    if (!current) {
      countCreate(tally, row);
      writes.push({ id: randomUUID(), isNew: true, code: department.code, values: { name: department.name, phone: department.phone ?? null, head_person_id: department.headPersonId ?? null }, parentCode: department.parentCode });
      continue;
    }
    const currentParent = current.parent_id ? (codeOfId.get(current.parent_id) ?? null) : null;
    const changed = [
      department.name !== current.name && departmentHeader.name,
      department.parentCode !== undefined && department.parentCode !== currentParent && departmentHeader.parentCode,
      department.phone !== undefined && department.phone !== current.phone && departmentHeader.phone,
      department.headPersonId !== undefined && department.headPersonId !== current.head_person_id && departmentHeader.headAccountNo,
    ];
    if (!countUpdate(tally, row, changed)) continue;
    writes.push({
      id: current.id,
      isNew: false,
      code: department.code,
      values: { name: department.name, phone: department.phone ?? current.phone, head_person_id: department.headPersonId ?? current.head_person_id },
      parentCode: department.parentCode,
    });
  }

  return {
    ...tally,
    async apply(tx) {
      const idOf = new Map([...existing.map((d) => [d.code, d.id] as const), ...writes.map((w) => [w.code, w.id] as const)]);
      // New departments first, without parents (a parent may itself be new), then every parent set.
      await repo.insertDepartments(tx, writes.filter((w) => w.isNew).map((w) => ({ id: w.id, code: w.code, ...w.values, parent_id: null })));
      for (const write of writes) {
        const parent = write.parentCode === undefined ? {} : { parent_id: idOf.get(write.parentCode)! };
        if (write.isNew && write.parentCode === undefined) continue;
        await repo.updateDepartment(tx, write.id, write.isNew ? parent : { ...write.values, ...parent });
      }
    },
  };
}

/**
 * The classes import (导入班级). A class belongs to a department already in
 * the hall; 辅导员工号 makes the person its counsellor (辅导员), whom
 * 'counsellor' approval steps ask. A class with people in it keeps its
 * department: its students' department would no longer match their class.
 */
async function planClasses(db: Db, rows: CsvRow<ClassImportColumn>[], problems: ImportProblem[]): Promise<Plan> {
  const tally = { counts: { create: 0, update: 0, unchanged: 0 }, changes: [] as Change[] };
  const byCode = new Map((await repo.findClasses(db)).map((c) => [c.code, c]));
  const departmentId = new Map((await repo.findDepartments(db)).map((d) => [d.code, d.id]));
  const { byClass: peopleInClass } = await repo.countPeople(db);
  const personOf = await peopleByAccountNo(db, rows.map((row) => row.cells.get('counsellorAccountNo') ?? '').filter(Boolean));
  const isFirst = duplicateCheck();

  const inserts: { id: string; code: string; name: string; grade: string | null; department_id: string; counsellor_person_id: string | null }[] = [];
  const updates: { id: string; changes: { name: string; grade: string | null; department_id: string; counsellor_person_id: string | null } }[] = [];
  for (const row of rows) {
    const before = problems.length;
    const problem = problemsAt(problems, row.line, classHeader);
    const cell = (column: ClassImportColumn) => row.cells.get(column) || undefined;
    const keyed = codeAndName(row, { code: 'code', name: 'name' }, problem);
    const grade = cell('grade');
    if (grade !== undefined && grade.length > 20) problem('grade', 'GRADE_TOO_LONG', '年级最多 20 个字');
    const departmentCode = cell('departmentCode');
    const department = departmentCode === undefined ? undefined : departmentId.get(departmentCode);
    if (departmentCode !== undefined && !department) problem('departmentCode', 'DEPARTMENT_UNKNOWN', `没有编码为“${departmentCode}”的部门：请先在“组织机构”中导入该部门，或检查编码`);
    const counsellorAccountNo = cell('counsellorAccountNo');
    const counsellor = counsellorAccountNo === undefined ? undefined : personOf(counsellorAccountNo, (code, message) => problem('counsellorAccountNo', code, message));
    if (!keyed || problems.length > before) continue;
    if (!isFirst(keyed.code, row.line, (message) => problem('code', 'DUPLICATE_CODE', message))) continue;

    const current = byCode.get(keyed.code);
    if (!current) {
      if (!department) {
        problem('departmentCode', 'DEPARTMENT_REQUIRED', '新班级须填写所属部门的编码');
        continue;
      }
      countCreate(tally, { line: row.line, ...keyed });
      inserts.push({ id: randomUUID(), code: keyed.code, name: keyed.name, grade: grade ?? null, department_id: department, counsellor_person_id: counsellor ?? null });
      continue;
    }
    const people = peopleInClass.get(current.id) ?? 0;
    if (department !== undefined && department !== current.department_id && people > 0) {
      problem('departmentCode', 'CLASS_HAS_PEOPLE', `班级“${keyed.code}”已有 ${people} 人，不能改到其他部门：请先调整这些学生的班级`);
      continue;
    }
    const changed = [
      keyed.name !== current.name && classHeader.name,
      grade !== undefined && grade !== current.grade && classHeader.grade,
      department !== undefined && department !== current.department_id && classHeader.departmentCode,
      counsellor !== undefined && counsellor !== current.counsellor_person_id && classHeader.counsellorAccountNo,
    ];
    if (!countUpdate(tally, { line: row.line, ...keyed }, changed)) continue;
    updates.push({
      id: current.id,
      changes: { name: keyed.name, grade: grade ?? current.grade, department_id: department ?? current.department_id, counsellor_person_id: counsellor ?? current.counsellor_person_id },
    });
  }

  return {
    ...tally,
    async apply(tx) {
      await repo.insertClasses(tx, inserts);
      for (const update of updates) await repo.updateClass(tx, update.id, update.changes);
    },
  };
}

const specs = {
  departments: { columns: departmentImportColumns, required: ['code', 'name'], maxRows: organizationImportLimits.rows, rowNoun: '部门', plan: planDepartments, action: 'departmentsImported' },
  classes: { columns: classImportColumns, required: ['code', 'name'], maxRows: organizationImportLimits.rows, rowNoun: '班级', plan: planClasses, action: 'classesImported' },
} as const;

/**
 * The organisation imports (导入部门, 导入班级): a CSV checked as a whole,
 * then written as a whole in one transaction (audited), or not at all.
 * Departments come first: classes and people name them by code.
 */
export function createOrganizationImport(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  /** `actor`: the administrator, or the command line (personId null, label 'hall cli'). */
  return async function importOrganization(kind: OrganizationImportKind, actor: { personId: string | null; label: string }, body: OrganizationImportBody, origin: RequestOrigin): Promise<OrganizationImportReportDto> {
    const spec = specs[kind];
    const problems: ImportProblem[] = [];
    // Each kind reads its own columns; the casts join the two kinds' column types for the one call.
    const rows = readCsvRows(body.csv, spec as Parameters<typeof readCsvRows<string>>[1], problems);
    const plan = await (spec.plan as (db: Db, rows: CsvRow<string>[], problems: ImportProblem[]) => Promise<Plan>)(db, rows, problems);
    problems.sort((a, b) => a.line - b.line);
    const report: OrganizationImportReportDto = { committed: false, rows: rows.length, counts: plan.counts, problems, changes: plan.changes.slice(0, organizationImportLimits.listedChanges) };
    if (!body.commit || problems.length > 0) return report;

    try {
      await db.transaction().execute(async (tx) => {
        await plan.apply(tx);
        await audit.record(tx, { action: spec.action, outcome: 'ok', actorPersonId: actor.personId, actorLabel: actor.label, origin, detail: { rows: rows.length, ...plan.counts } });
      });
    } catch (error) {
      // Another import or an administrator created one of these codes since the check.
      if (isUniqueViolation(error)) throw new AppError('ORGANIZATION_IMPORT_CONFLICT');
      throw error;
    }
    return { ...report, committed: true };
  };
}

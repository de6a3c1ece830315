import type { EditClassBody, EditDepartmentBody } from '@onehall/contracts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { AuditService, RequestOrigin } from '../audit/audit.service.ts';
import { cycleThrough, peopleByAccountNo } from './organization-import.ts';
import * as repo from './organization.repository.ts';

type FieldProblem = { key: string; code: string; message: string };

/** Refuses the edit with every field's problem, as a form shows them. */
function refuseIf(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { fields: problems }, problems.map((p) => p.message).join('；'));
}

/** The person a 学号/工号 field names, or undefined with its problem added (unknown, disabled). */
async function personOfField(db: Db, key: string, accountNo: string | null, problems: FieldProblem[]): Promise<string | null | undefined> {
  if (accountNo === null || accountNo === '') return null;
  const personOf = await peopleByAccountNo(db, [accountNo]);
  return personOf(accountNo, (code, message) => problems.push({ key, code, message }));
}

/**
 * Editing one department or class in the console (组织机构 › 编辑): the same
 * rules as the imports — a tree without cycles, people who exist, a class
 * with students staying in its department — but every field is given, and
 * an empty one clears its value. Audited; the caller clears the lookups.
 */
export function createOrganizationEdit(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  return {
    async editDepartment(actor: { personId: string; label: string }, code: string, body: EditDepartmentBody, origin: RequestOrigin): Promise<void> {
      const departments = await repo.findDepartments(db);
      const current = departments.find((d) => d.code === code);
      if (!current) throw new AppError('DEPARTMENT_NOT_FOUND');
      const problems: FieldProblem[] = [];
      const codeOfId = new Map(departments.map((d) => [d.id, d.code]));
      const parent = body.parentCode ? departments.find((d) => d.code === body.parentCode) : null;
      if (body.parentCode && !parent) problems.push({ key: 'parentCode', code: 'PARENT_UNKNOWN', message: `没有编码为“${body.parentCode}”的部门` });
      else if (body.parentCode === code) problems.push({ key: 'parentCode', code: 'PARENT_SELF', message: '上级部门不能是部门自己' });
      else if (body.parentCode) {
        const parentOf = new Map(departments.map((d) => [d.code, d.parent_id ? (codeOfId.get(d.parent_id) ?? null) : null]));
        parentOf.set(code, body.parentCode);
        const cycle = cycleThrough(parentOf, code, body.parentCode);
        if (cycle) problems.push({ key: 'parentCode', code: 'PARENT_CYCLE', message: `上级部门形成循环：${cycle.join(' → ')}` });
      }
      const head = await personOfField(db, 'headAccountNo', body.headAccountNo, problems);
      refuseIf(problems);
      await db.transaction().execute(async (tx) => {
        await repo.updateDepartment(tx, current.id, { name: body.name, parent_id: parent?.id ?? null, phone: body.phone || null, head_person_id: head ?? null });
        await audit.record(tx, { action: 'departmentChanged', outcome: 'ok', actorPersonId: actor.personId, actorLabel: actor.label, target: `department:${code}`, origin, detail: { ...body } });
      });
    },

    async editClass(actor: { personId: string; label: string }, code: string, body: EditClassBody, origin: RequestOrigin): Promise<void> {
      const current = (await repo.findClasses(db)).find((c) => c.code === code);
      if (!current) throw new AppError('CLASS_NOT_FOUND');
      const problems: FieldProblem[] = [];
      const department = (await repo.findDepartments(db)).find((d) => d.code === body.departmentCode);
      if (!department) problems.push({ key: 'departmentCode', code: 'DEPARTMENT_UNKNOWN', message: `没有编码为“${body.departmentCode}”的部门` });
      else if (department.id !== current.department_id) {
        const people = (await repo.countPeople(db)).byClass.get(current.id) ?? 0;
        if (people > 0) problems.push({ key: 'departmentCode', code: 'CLASS_HAS_PEOPLE', message: `班级已有 ${people} 人，不能改到其他部门：请先调整这些学生的班级` });
      }
      const counsellor = await personOfField(db, 'counsellorAccountNo', body.counsellorAccountNo, problems);
      refuseIf(problems);
      await db.transaction().execute(async (tx) => {
        await repo.updateClass(tx, current.id, { name: body.name, grade: body.grade || null, department_id: department!.id, counsellor_person_id: counsellor ?? null });
        await audit.record(tx, { action: 'classChanged', outcome: 'ok', actorPersonId: actor.personId, actorLabel: actor.label, target: `class:${code}`, origin, detail: { ...body } });
      });
    },
  };
}

import type { EditClassBody, EditDepartmentBody, OrganizationDepartmentDto, OrganizationDto } from '@onehall/contracts';
import type { Db } from '../../platform/db.ts';
import type { AuditService, RequestOrigin } from '../audit/audit.service.ts';
import { createOrganizationEdit } from './organization-edit.ts';
import { createOrganizationImport } from './organization-import.ts';
import * as repo from './organization.repository.ts';
import * as peopleRepo from './people.repository.ts';

/**
 * The school's organisation (组织机构) for administrators: the department
 * tree with each department's head and classes, the two imports that build
 * it on an installation that starts empty, and the edit of one department
 * or class. A committed change drops the lookups kept in this process.
 */
export function createOrganizationAdmin(deps: { db: Db; audit: AuditService; onChanged: () => void }) {
  const { db, onChanged } = deps;
  const importOrganization = createOrganizationImport(deps);
  const edit = createOrganizationEdit(deps);

  /** Every department, parents before their children (siblings by sort, then code), each with its classes. */
  async function view(): Promise<OrganizationDto> {
    const [departments, classes, counts] = await Promise.all([repo.findDepartments(db), repo.findClasses(db), repo.countPeople(db)]);
    const personIds = [...new Set([...departments.map((d) => d.head_person_id), ...classes.map((c) => c.counsellor_person_id)].filter((id): id is string => id !== null))];
    const people = new Map((await peopleRepo.findPeopleWithAccount(db, personIds)).map((p) => [p.id, { personId: p.id, name: p.name, accountNo: p.account_no }]));
    const personRef = (id: string | null) => (id ? (people.get(id) ?? null) : null);
    const codeOf = new Map(departments.map((d) => [d.id, d.code]));

    const dtoOf = new Map<string, OrganizationDepartmentDto>();
    for (const d of departments) {
      dtoOf.set(d.id, { code: d.code, name: d.name, parentCode: d.parent_id ? (codeOf.get(d.parent_id) ?? null) : null, phone: d.phone, head: personRef(d.head_person_id), people: counts.byDepartment.get(d.id) ?? 0, classes: [] });
    }
    for (const c of classes) dtoOf.get(c.department_id)?.classes.push({ code: c.code, name: c.name, grade: c.grade, counsellor: personRef(c.counsellor_person_id), people: counts.byClass.get(c.id) ?? 0 });

    // Depth first from the roots, so a parent always comes before its children.
    const children = new Map<string | null, typeof departments>();
    for (const d of departments) {
      const parent = d.parent_id && dtoOf.has(d.parent_id) ? d.parent_id : null;
      children.set(parent, [...(children.get(parent) ?? []), d]);
    }
    const ordered: OrganizationDepartmentDto[] = [];
    const visit = (parent: string | null) => {
      for (const d of children.get(parent) ?? []) {
        ordered.push(dtoOf.get(d.id)!);
        visit(d.id);
      }
    };
    visit(null);
    return { departments: ordered };
  }

  return {
    view,

    /** 导入部门 / 导入班级: check a CSV, and apply it as a whole when asked. */
    async importOrganization(...args: Parameters<typeof importOrganization>) {
      const report = await importOrganization(...args);
      if (report.committed) onChanged();
      return report;
    },

    /** 编辑 a department (name, parent, phone, head); answers the whole new view. */
    async editDepartment(actor: { personId: string; label: string }, code: string, body: EditDepartmentBody, origin: RequestOrigin): Promise<OrganizationDto> {
      await edit.editDepartment(actor, code, body, origin);
      onChanged();
      return view();
    },

    /** 编辑 a class (name, grade, department, counsellor); answers the whole new view. */
    async editClass(actor: { personId: string; label: string }, code: string, body: EditClassBody, origin: RequestOrigin): Promise<OrganizationDto> {
      await edit.editClass(actor, code, body, origin);
      onChanged();
      return view();
    },
  };
}

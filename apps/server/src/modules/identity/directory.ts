import type { Config } from '../../platform/config.ts';
import type { Db, Executor } from '../../platform/db.ts';
import { cachedLookup } from '../../platform/lookup-cache.ts';
import * as repo from './identity.repository.ts';

/**
 * The directory as approver rules and lists read it: departments and their
 * heads, roles, counsellors, names. Rules' reads are reused for
 * LOOKUP_CACHE_SECONDS (a new head or role holder shows within that time).
 */
export function createDirectory(deps: { db: Db; config: Config }) {
  const { db, config } = deps;
  const cached = <A extends unknown[], R>(read: (...args: A) => Promise<R>) => cachedLookup(config.LOOKUP_CACHE_SECONDS, read);
  const findDepartment = cached((id: string) => repo.findDepartment(db, id));
  const peopleWithRole = cached((role: string, departmentId: string | null) => repo.findPeopleWithRole(db, role, departmentId));
  const personProfile = cached((personId: string) => repo.findPersonProfile(db, personId));
  const counsellor = cached((classId: string) => repo.findClassCounsellor(db, classId));
  const roleCodes = cached((personId: string) => repo.findRoleCodes(db, personId));

  return {
    /** Active people holding a role, optionally only in one department. */
    findPeopleWithRole(role: string, departmentId: string | null): Promise<string[]> {
      return peopleWithRole(role, departmentId);
    },

    /**
     * The head of a department `levels` steps up: 1 is the department itself,
     * 2 its parent, and so on. Null when there is no such department or head.
     */
    async findDepartmentHead(departmentId: string, levels: number): Promise<string | null> {
      let department = await findDepartment(departmentId);
      for (let level = 1; level < levels && department?.parent_id; level++) {
        department = await findDepartment(department.parent_id);
      }
      return department?.head_person_id ?? null;
    },

    findPersonProfile(personId: string) {
      return personProfile(personId);
    },

    /** Heads from the department itself (level 1) up to `levels`, nearest first, without repeats. */
    async findDepartmentHeadChain(departmentId: string, levels: number): Promise<string[]> {
      const heads: string[] = [];
      let department = await findDepartment(departmentId);
      for (let level = 1; level <= levels && department; level++) {
        if (department.head_person_id && !heads.includes(department.head_person_id)) heads.push(department.head_person_id);
        department = department.parent_id ? await findDepartment(department.parent_id) : undefined;
      }
      return heads;
    },

    /** The counsellor of a class, if it has one. */
    findCounsellor(classId: string): Promise<string | null> {
      return counsellor(classId);
    },

    /** The roles a person holds (codes), for conditions on the applicant. */
    findRoleCodes(personId: string): Promise<string[]> {
      return roleCodes(personId);
    },

    /** Names and departments of people, for lists and timelines. */
    async findPeopleNames(personIds: readonly string[], executor: Executor = db): Promise<Map<string, { name: string; departmentName: string | null; active: boolean }>> {
      const rows = await repo.findPeopleByIds(executor, [...new Set(personIds)]);
      return new Map(rows.map((row) => [row.id, { name: row.name, departmentName: row.department_name, active: row.status === 'active' }]));
    },

    /** Drops what this process keeps of departments and classes (an import changed them): its next approvals see the new heads and counsellors at once. */
    forgetOrganization(): void {
      findDepartment.clear();
      counsellor.clear();
    },

    /** Drops what this process keeps of roles (a role was given or taken): its next approvals and conditions see the change at once. */
    forgetRoles(): void {
      peopleWithRole.clear();
      roleCodes.clear();
    },

    /** Counts for the admin dashboard. */
    countPeople(): Promise<number> {
      return repo.countPeople(db);
    },
  };
}

import { peopleSearchLimit, searchableChars, type DepartmentsDto, type PeopleSearchDto } from '@onehall/contracts';
import type { Db, Executor } from '../../platform/db.ts';
import { cachedLookup } from '../../platform/lookup-cache.ts';
import * as repo from './lookups.repository.ts';

/**
 * What a form's person and department fields look up: people by name,
 * pinyin, initials or number (the phone's person picker), the departments
 * (its department picker), and the names behind stored ids (the detail page,
 * the submit's check that the ids are real).
 */
export function createLookups(deps: { db: Db; cacheSeconds: number }) {
  const { db } = deps;
  const departments = cachedLookup(deps.cacheSeconds, () => repo.findDepartments(db));
  const toOption = (row: { id: string; name: string; department_name: string | null; account_no: string | null }) => ({
    personId: row.id,
    name: row.name,
    departmentName: row.department_name,
    accountNo: row.account_no,
  });

  return {
    /**
     * People for the person picker. Letters search the readings of names
     * (“zhang”, “zx” for 张信息), letters and digits also the start of an
     * account number; anything else the names as written.
     */
    async searchPeople(q: string): Promise<PeopleSearchDto> {
      const text = q.trim().normalize('NFKC');
      const key = searchableChars(text).join('');
      const isLetters = /^[a-z]+$/.test(key);
      const rows = await repo.searchPeople(db, {
        name: text,
        pinyin: isLetters ? key : null,
        initials: isLetters ? key : null,
        accountNo: /^[A-Za-z0-9]+$/.test(text) ? text : null,
        limit: peopleSearchLimit,
      });
      return { items: rows.map(toOption) };
    },

    /** Active people by id (names of ids a restored form already holds), in the order asked. */
    async findPeopleOptions(ids: readonly string[]): Promise<PeopleSearchDto> {
      const rows = new Map((await repo.findPeopleOptions(db, [...new Set(ids)])).map((row) => [row.id, row]));
      return { items: ids.flatMap((id) => (rows.has(id) ? [toOption(rows.get(id)!)] : [])) };
    },

    /** Every department with its parent, for the department picker (reused for LOOKUP_CACHE_SECONDS). */
    async listDepartments(): Promise<DepartmentsDto> {
      return { items: (await departments()).map((row) => ({ id: row.id, name: row.name, parentId: row.parent_id })) };
    },

    /** Drops the kept department list (an import changed it). */
    forgetDepartments(): void {
      departments.clear();
    },

    /** Names of departments by id; unknown ids are left out. */
    async findDepartmentNames(ids: readonly string[], executor: Executor = db): Promise<Map<string, { name: string }>> {
      const rows = await repo.findDepartmentsByIds(executor, [...new Set(ids)]);
      return new Map(rows.map((row) => [row.id, { name: row.name }]));
    },
  };
}

export type Lookups = ReturnType<typeof createLookups>;

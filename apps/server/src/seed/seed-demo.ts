import type { Db, Tx } from '../platform/db.ts';
import { INITIAL_PASSWORD_MARK } from '../modules/identity/password.ts';
import { hashIdNumber } from '../modules/identity/id-number.ts';
import { readIdNumberSalt } from '../modules/identity/people.repository.ts';
import { createFormsService } from '../modules/forms/forms.service.ts';
import { createDefinitionsService } from '../modules/workflow/definitions.service.ts';
import { saveService } from '../modules/catalog/catalog.service.ts';
import { computeNameReadings } from '../modules/catalog/catalog.pinyin.ts';
import {
  demoBanners, demoCategories, demoClasses, demoDepartments, demoIdNumber, demoPeople, demoPhone, demoRoles, demoServices,
} from './demo-data.ts';

/**
 * Writes the demo university. Idempotent: every row is keyed by a natural
 * code (department code, account number, service code…) and rows that exist
 * are left as they are, so it can run at every start and from the CLI.
 *
 * Like migrations, the seed writes the tables of several modules directly:
 * it builds the world the modules then own.
 */
export async function seedDemo(db: Db): Promise<{ created: boolean; people: number; services: number }> {

  const salt = await readIdNumberSalt(db);

  return db.transaction().execute(async (tx) => {
    const departmentId = new Map<string, string>();
    for (const department of demoDepartments) {
      const row = await upsertReturningId(tx, 'department', department.code, {
        code: department.code,
        name: department.name,
        phone: department.phone,
        parent_id: department.parent ? departmentId.get(department.parent)! : null,
      });
      departmentId.set(department.code, row);
    }
    for (const role of demoRoles) await tx.insertInto('role').values(role).onConflict((oc) => oc.column('code').doNothing()).execute();

    const classId = new Map<string, string>();
    for (const cls of demoClasses) {
      classId.set(cls.code, await upsertReturningId(tx, 'class', cls.code, { code: cls.code, name: cls.name, grade: cls.grade, department_id: departmentId.get(cls.department)! }));
    }

    const personId = new Map<string, string>();
    let peopleCreated = 0;
    for (const [n, person] of demoPeople.entries()) {
      const account = await tx.selectFrom('account').select('person_id').where('account_no', '=', person.accountNo).executeTakeFirst();
      if (account) {
        personId.set(person.accountNo, account.person_id);
        continue;
      }
      const created = await tx
        .insertInto('person')
        .values({
          name: person.name,
          ...computeNameReadings(person.name),
          kind: person.kind,
          department_id: departmentId.get(person.department)!,
          class_id: person.className ? classId.get(person.className)! : null,
          phone: demoPhone(n),
          id_number: demoIdNumber(n, person.kind),
          id_number_hash: hashIdNumber(salt, demoIdNumber(n, person.kind)),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('account').values({ person_id: created.id, account_no: person.accountNo, kind: person.kind, password_hash: INITIAL_PASSWORD_MARK, must_change_password: true }).execute();
      personId.set(person.accountNo, created.id);
      peopleCreated++;
      for (const role of person.roles ?? []) {
        await tx.insertInto('person_role').values({ person_id: created.id, role_code: role.role, department_id: role.department ? departmentId.get(role.department)! : null }).execute();
      }
      if (person.heads) {
        await tx.updateTable('department').set({ head_person_id: created.id }).where('code', '=', person.heads).execute();
        await tx.insertInto('person_role').values({ person_id: created.id, role_code: 'dept_head', department_id: departmentId.get(person.heads)! }).execute();
      }
      for (const cls of person.counsels ?? []) await tx.updateTable('class').set({ counsellor_person_id: created.id }).where('code', '=', cls).execute();
    }

    const categoryId = new Map<string, string>();
    for (const category of demoCategories) {
      await tx.insertInto('category').values(category).onConflict((oc) => oc.column('name').doNothing()).execute();
      categoryId.set(category.name, (await tx.selectFrom('category').select('id').where('name', '=', category.name).executeTakeFirstOrThrow()).id);
    }

    // Forms and processes are published through their modules' services, so the seed gets the same validation as the admin will.
    const forms = createFormsService({ db });
    const definitions = createDefinitionsService({ db, forms });
    const personIdOf = (accountNo: string) => personId.get(accountNo)!;
    let servicesCreated = 0;
    for (const [sort, service] of demoServices.entries()) {
      const exists = await tx.selectFrom('service').select('id').where('code', '=', service.code).executeTakeFirst();
      if (exists) continue;
      await forms.publish(service.code, service.form, tx);
      await definitions.publish(service.code, typeof service.process === 'function' ? service.process(personIdOf) : service.process, tx);
      const department = demoDepartments.find((d) => d.code === service.department)!;
      await saveService(tx, {
        code: service.code,
        name: service.name,
        icon: service.icon,
        summary: service.summary,
        categoryId: categoryId.get(service.category)!,
        departmentId: departmentId.get(service.department)!,
        guide: { ...service.guide, departmentName: department.name, contactPhone: department.phone },
        formKey: service.code,
        processKey: service.code,
        sort,
        audiences: service.audiences ?? [],
      });
      servicesCreated++;
    }

    for (const banner of demoBanners) {
      const exists = await tx.selectFrom('banner').select('id').where('title', '=', banner.title).executeTakeFirst();
      if (!exists) await tx.insertInto('banner').values({ title: banner.title, image_url: banner.imageUrl, link: banner.link, sort: banner.sort }).execute();
    }

    return { created: peopleCreated > 0 || servicesCreated > 0, people: peopleCreated, services: servicesCreated };
  });
}

/** Inserts a row keyed by `code` unless it exists; returns its id either way. */
async function upsertReturningId(tx: Tx, table: 'department' | 'class', code: string, values: Record<string, unknown>): Promise<string> {
  const found = await tx.selectFrom(table).select('id').where('code', '=', code).executeTakeFirst();
  if (found) return found.id;
  const row = await tx.insertInto(table).values(values as never).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

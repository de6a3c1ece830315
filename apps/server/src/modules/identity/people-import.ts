import { randomUUID } from 'node:crypto';
import {
  idTypes, idTypeText, peopleImportColumns, peopleImportLimits, personKinds, personKindText,
  type IdType, type PeopleImportBody, type PeopleImportColumn, type PeopleImportReportDto, type PersonKind,
} from '@onehall/contracts';
import { isUniqueViolation, type Db, type Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { AuditService, RequestOrigin } from '../audit/audit.service.ts';
import { documentNumberRule, hashIdNumber, isValidDocumentNumber, normalizeIdNumber } from './id-number.ts';
import { computeNameReadings } from '../catalog/catalog.pinyin.ts';
import { INITIAL_PASSWORD_MARK } from './password.ts';
import * as repo from './people.repository.ts';
import { readCsvRows, type CsvRow } from './csv-rows.ts';

type Problem = PeopleImportReportDto['problems'][number];
type Change = PeopleImportReportDto['changes'][number];

/** What a row says about its person; undefined where the row leaves a value as it is. */
interface PersonFields {
  name: string;
  kind: PersonKind | undefined;
  department_id: string | undefined;
  class_id: string | undefined;
  phone: string | undefined;
  email: string | undefined;
  id_number: string | undefined;
  id_type: IdType | undefined;
}

type RawRow = CsvRow<PeopleImportColumn>;

interface ImportRow {
  line: number;
  accountNo: string;
  fields: PersonFields;
  idNumberHash: string | undefined;
}

/** A person as the import will leave them: one already in the hall, or one it creates. */
interface PlannedPerson {
  id: string;
  isNew: boolean;
  current: Omit<PersonFields, 'name' | 'kind' | 'id_type'> & { name: string; kind: PersonKind; id_type: IdType; id_number_hash: string | undefined };
  changed: Set<keyof PersonFields>;
  accountNos: string[];
  newAccounts: { accountNo: string; kind: PersonKind }[];
}

const columnHeader = Object.fromEntries(peopleImportColumns.map((c) => [c.key, c.header])) as Record<PeopleImportColumn, string>;
const fieldColumn: Record<keyof PersonFields, PeopleImportColumn> = {
  name: 'name', kind: 'kind', department_id: 'departmentCode', class_id: 'classCode', phone: 'phone', email: 'email', id_number: 'idNumber', id_type: 'idType',
};

const kindByText = new Map<string, PersonKind>([
  ...personKinds.flatMap((kind) => [[kind, kind], [personKindText[kind].zh, kind], [personKindText[kind].en.toLowerCase(), kind]] as [string, PersonKind][]),
  ['本科生', 'student'], ['研究生', 'student'], ['预科生', 'student'], ['教职工', 'staff'], ['员工', 'staff'],
]);

const idTypeByText = new Map<string, IdType>([
  ...idTypes.flatMap((type) => [[type.toLowerCase(), type], [idTypeText[type].zh, type], [idTypeText[type].en.toLowerCase(), type]] as [string, IdType][]),
  ['身份证', 'resident'], ['港澳台居民居住证', 'resident'], ['港澳通行证', 'hkMacaoPermit'], ['回乡证', 'hkMacaoPermit'], ['台胞证', 'taiwanPermit'], ['外国人永久居留证', 'foreignPermanent'], ['永居证', 'foreignPermanent'],
]);

const accountNoPattern = /^[A-Za-z0-9]{4,32}$/;
const phonePattern = /^1[3-9]\d{9}$/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The people import (人员导入): a CSV of accounts, checked as a whole and
 * then written as a whole, in one transaction, or not at all. A row whose
 * account number is new but whose ID number (by its salted hash) belongs to
 * a person already in the hall adds the account to that person, so a
 * student whose number changes keeps their applications and todos.
 * New accounts start with the initial password (last 8 of the ID number),
 * to be changed at first login.
 */
export function createPeopleImport(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  /** `actor`: the administrator, or the command line (personId null, label 'hall cli'). */
  return async function importPeople(actor: { personId: string | null; label: string }, body: PeopleImportBody, origin: RequestOrigin): Promise<PeopleImportReportDto> {
    const problems: Problem[] = [];
    const rows = readCsvRows(body.csv, { columns: peopleImportColumns, required: ['accountNo', 'name'], maxRows: peopleImportLimits.rows, rowNoun: '账号' }, problems);
    const salt = await repo.readIdNumberSalt(db);
    const plan = await planImport(db, salt, rows, problems);
    problems.sort((a, b) => a.line - b.line);
    const report: PeopleImportReportDto = { committed: false, rows: rows.length, counts: plan.counts, problems, changes: plan.changes.slice(0, peopleImportLimits.listedChanges) };
    if (!body.commit || problems.length > 0) return report;

    try {
      await db.transaction().execute(async (tx) => {
        await applyPlan(tx, salt, plan.people);
        await audit.record(tx, { action: 'peopleImported', outcome: 'ok', actorPersonId: actor.personId, actorLabel: actor.label, origin, detail: { rows: rows.length, ...plan.counts } });
      });
    } catch (error) {
      // Another import or an administrator took one of these account numbers since the check.
      if (isUniqueViolation(error)) throw new AppError('PEOPLE_IMPORT_CONFLICT');
      throw error;
    }
    return { ...report, committed: true };
  };
}

async function planImport(db: Db, salt: string, rows: RawRow[], problems: Problem[]) {
  const counts = { create: 0, link: 0, update: 0, unchanged: 0 };
  const changes: Change[] = [];
  if (rows.length === 0) return { counts, changes, people: [] as PlannedPerson[] };

  const departments = new Map((await repo.findDepartmentsByCode(db)).map((d) => [d.code, d.id]));
  const classes = new Map((await repo.findClassesByCode(db)).map((c) => [c.code, c]));

  const valid: ImportRow[] = [];
  for (const row of rows) {
    const before = problems.length;
    const problem = (column: PeopleImportColumn, code: string, message: string) => problems.push({ line: row.line, column: columnHeader[column], code, message });
    const cell = (column: PeopleImportColumn) => row.cells.get(column) || undefined;

    const accountNo = cell('accountNo') ?? '';
    if (!accountNoPattern.test(accountNo)) problem('accountNo', accountNo ? 'ACCOUNT_NO_INVALID' : 'ACCOUNT_NO_REQUIRED', accountNo ? '学号/工号为 4–32 位字母或数字' : '学号/工号不能为空');
    const name = cell('name') ?? '';
    if (!name) problem('name', 'NAME_REQUIRED', '姓名不能为空');
    else if (name.length > 50) problem('name', 'NAME_TOO_LONG', '姓名最多 50 个字');

    const kindText = cell('kind');
    const kind = kindText === undefined ? undefined : kindByText.get(kindText.toLowerCase());
    if (kindText !== undefined && !kind) problem('kind', 'KIND_INVALID', '类别应为 学生、教师 或 职工');

    const departmentCode = cell('departmentCode');
    let departmentId = departmentCode === undefined ? undefined : departments.get(departmentCode);
    if (departmentCode !== undefined && !departmentId) problem('departmentCode', 'DEPARTMENT_UNKNOWN', `没有编码为“${departmentCode}”的部门：请先在“组织机构”中导入该部门，或检查编码`);
    const classCode = cell('classCode');
    const cls = classCode === undefined ? undefined : classes.get(classCode);
    if (classCode !== undefined && !cls) problem('classCode', 'CLASS_UNKNOWN', `没有编码为“${classCode}”的班级`);
    if (cls && departmentId && cls.department_id !== departmentId) problem('classCode', 'CLASS_NOT_IN_DEPARTMENT', `班级“${classCode}”不属于部门“${departmentCode}”`);
    if (cls) departmentId ??= cls.department_id;

    const phone = cell('phone');
    if (phone !== undefined && !phonePattern.test(phone)) problem('phone', 'PHONE_INVALID', '手机号应为 11 位数字');
    const typeText = cell('idType');
    const idType = typeText === undefined ? undefined : idTypeByText.get(typeText.toLowerCase());
    if (typeText !== undefined && !idType) problem('idType', 'ID_TYPE_INVALID', `证件类型应为 ${idTypes.map((type) => idTypeText[type].zh).join('、')} 之一`);
    const documentType = idType ?? 'resident';
    const idText = cell('idNumber');
    const idNumber = idText === undefined ? undefined : normalizeIdNumber(idText);
    if (idNumber !== undefined && (typeText === undefined || idType) && !isValidDocumentNumber(documentType, idNumber)) {
      problem('idNumber', 'ID_NUMBER_INVALID', `${documentType === 'resident' ? '身份证号' : `${idTypeText[documentType].zh}号码`}不正确（${documentNumberRule[documentType]}）`);
    }
    if (typeText !== undefined && idNumber === undefined) problem('idNumber', 'ID_NUMBER_REQUIRED', '填写了证件类型，请同时填写证件号码');
    const email = cell('email');
    if (email !== undefined && (email.length > 100 || !emailPattern.test(email))) problem('email', 'EMAIL_INVALID', '邮箱格式不正确');

    if (problems.length > before) continue;
    valid.push({
      line: row.line,
      accountNo,
      fields: { name, kind, department_id: departmentId, class_id: cls?.id, phone, email, id_number: idNumber, id_type: idNumber === undefined ? undefined : documentType },
      idNumberHash: idNumber === undefined ? undefined : hashIdNumber(salt, idNumber, documentType),
    });
  }

  // What the hall holds already for these accounts and ID numbers.
  const people = new Map<string, PlannedPerson>();
  const personOf = (row: Awaited<ReturnType<typeof repo.findPeopleByIdNumberHash>>[number]): PlannedPerson => {
    let person = people.get(row.id);
    if (!person) {
      person = {
        id: row.id,
        isNew: false,
        current: { name: row.name, kind: row.kind, department_id: row.department_id ?? undefined, class_id: row.class_id ?? undefined, phone: row.phone ?? undefined, email: row.email ?? undefined, id_number: row.id_number ?? undefined, id_type: row.id_type, id_number_hash: row.id_number_hash ?? undefined },
        changed: new Set(),
        accountNos: [],
        newAccounts: [],
      };
      people.set(row.id, person);
    }
    return person;
  };
  const accountOwner = new Map<string, PlannedPerson>();
  for (const row of await repo.findAccountsWithPeople(db, [...new Set(valid.map((r) => r.accountNo))])) accountOwner.set(row.account_no, personOf(row));
  const byHash = new Map<string, PlannedPerson[]>();
  const hashes = [...new Set(valid.flatMap((r) => (r.idNumberHash ? [r.idNumberHash] : [])))];
  for (const row of await repo.findPeopleByIdNumberHash(db, hashes)) {
    const person = personOf(row);
    byHash.set(row.id_number_hash!, [...(byHash.get(row.id_number_hash!) ?? []), person]);
  }
  for (const account of await repo.findAccountsOfPeople(db, [...people.keys()])) people.get(account.person_id)!.accountNos.push(account.account_no);

  const seenAt = new Map<string, number>();
  for (const row of valid) {
    const problem = (column: PeopleImportColumn, code: string, message: string) => problems.push({ line: row.line, column: columnHeader[column], code, message });
    const earlier = seenAt.get(row.accountNo);
    if (earlier !== undefined) {
      problem('accountNo', 'DUPLICATE_ACCOUNT', `与第 ${earlier} 行的学号/工号重复`);
      continue;
    }
    seenAt.set(row.accountNo, row.line);
    const candidates = row.idNumberHash ? (byHash.get(row.idNumberHash) ?? []) : [];

    const owner = accountOwner.get(row.accountNo);
    if (owner) {
      if (row.idNumberHash && owner.current.id_number_hash && row.idNumberHash !== owner.current.id_number_hash) {
        problem('idNumber', 'ID_NUMBER_MISMATCH', `学号/工号 ${row.accountNo} 登记的是另一个证件号码：请核对，或联系信息中心更正`);
        continue;
      }
      const other = candidates.find((person) => person !== owner);
      if (other) {
        problem('idNumber', 'ID_NUMBER_TAKEN', `该证件号码已属于另一人员（${other.current.name}，${[...other.accountNos, ...other.newAccounts.map((a) => a.accountNo)].join('、')}）`);
        continue;
      }
      const changedColumns = applyFields(owner, row.fields);
      if (row.idNumberHash && !owner.current.id_number_hash) {
        owner.current.id_number_hash = row.idNumberHash;
        byHash.set(row.idNumberHash, [owner]);
      }
      const action = changedColumns.length > 0 ? 'update' : 'unchanged';
      counts[action] += 1;
      if (action === 'update') changes.push({ line: row.line, accountNo: row.accountNo, name: owner.current.name, action, existingAccounts: [], changedColumns });
      continue;
    }

    if (!row.fields.kind) problem('kind', 'KIND_REQUIRED', '新账号须填写类别（学生、教师 或 职工）');
    if (!row.idNumberHash) problem('idNumber', 'ID_NUMBER_REQUIRED', '新账号须填写证件号码（身份证号）：初始密码由它生成，换号的人员也靠它找到原来的记录');
    if (!row.fields.kind || !row.idNumberHash) continue;
    if (candidates.length > 1) {
      problem('idNumber', 'ID_NUMBER_AMBIGUOUS', `系统中有 ${candidates.length} 个人员登记了这个证件号码，无法确定关联到谁：请联系信息中心合并`);
      continue;
    }

    const kind = row.fields.kind;
    const [linked] = candidates;
    if (linked) {
      const existingAccounts = [...linked.accountNos, ...linked.newAccounts.map((a) => a.accountNo)];
      // The row also brings the person's new details (类别, 部门, 班级…): the report names them.
      const changedColumns = applyFields(linked, row.fields);
      linked.newAccounts.push({ accountNo: row.accountNo, kind });
      counts.link += 1;
      changes.push({ line: row.line, accountNo: row.accountNo, name: linked.current.name, action: 'link', existingAccounts, changedColumns });
      continue;
    }
    const created: PlannedPerson = {
      id: randomUUID(),
      isNew: true,
      current: { ...row.fields, kind, id_type: row.fields.id_type ?? 'resident', id_number_hash: row.idNumberHash },
      changed: new Set(),
      accountNos: [],
      newAccounts: [{ accountNo: row.accountNo, kind }],
    };
    people.set(created.id, created);
    byHash.set(row.idNumberHash, [created]);
    counts.create += 1;
    changes.push({ line: row.line, accountNo: row.accountNo, name: created.current.name, action: 'create', existingAccounts: [], changedColumns: [] });
  }
  return { counts, changes, people: [...people.values()] };
}

/** Sets what the row says on the planned person; answers the headers of the columns that change. */
function applyFields(person: PlannedPerson, fields: PersonFields): string[] {
  const changed: string[] = [];
  for (const key of Object.keys(fieldColumn) as (keyof PersonFields)[]) {
    const value = fields[key];
    if (value === undefined || value === person.current[key]) continue;
    // An ID number (with its type) is only ever added here, never replaced (a different one is refused above).
    if ((key === 'id_number' || key === 'id_type') && person.current.id_number !== undefined) continue;
    (person.current as Record<string, unknown>)[key] = value;
    person.changed.add(key);
    changed.push(columnHeader[fieldColumn[key]]);
  }
  return changed;
}

async function applyPlan(tx: Tx, salt: string, people: PlannedPerson[]): Promise<void> {
  await repo.insertPeople(
    tx,
    people.filter((person) => person.isNew).map(({ id, current }) => ({
      id,
      name: current.name,
      // The readings the person picker searches (pinyin, initials), kept with the name.
      ...computeNameReadings(current.name),
      kind: current.kind,
      department_id: current.department_id ?? null,
      class_id: current.class_id ?? null,
      phone: current.phone ?? null,
      email: current.email ?? null,
      id_number: current.id_number ?? null,
      id_type: current.id_type,
      id_number_hash: current.id_number ? hashIdNumber(salt, current.id_number, current.id_type) : null,
    })),
  );
  const accounts: { person_id: string; account_no: string; kind: PersonKind; password_hash: string }[] = [];
  for (const person of people) {
    const { current } = person;
    if (!person.isNew && person.changed.size > 0) {
      const changes: Parameters<typeof repo.updatePerson>[2] = {};
      for (const key of person.changed) (changes as Record<string, unknown>)[key] = current[key] ?? null;
      if (person.changed.has('id_number') && current.id_number) Object.assign(changes, { id_type: current.id_type, id_number_hash: hashIdNumber(salt, current.id_number, current.id_type) });
      if (person.changed.has('name')) Object.assign(changes, computeNameReadings(current.name));
      await repo.updatePerson(tx, person.id, changes);
    }
    for (const account of person.newAccounts) accounts.push({ person_id: person.id, account_no: account.accountNo, kind: account.kind, password_hash: INITIAL_PASSWORD_MARK });
  }
  await repo.insertAccounts(tx, accounts);
}

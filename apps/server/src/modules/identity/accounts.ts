import { mask, type AccountAdminDto, type LinkAccountBody, type PeopleListDto, type PeopleListQuery, type PersonAccountsDto } from '@onehall/contracts';
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts';
import { isUniqueViolation, type Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { AuditService, RequestOrigin } from '../audit/audit.service.ts';
import * as repo from './identity.repository.ts';
import { createPeopleImport } from './people-import.ts';
import * as peopleRepo from './people.repository.ts';
import { INITIAL_PASSWORD_MARK } from './password.ts';
import type { Auth, SessionKeeper } from './sessions.ts';

/**
 * Administrators' work on accounts: a person whose number changes (预科 →
 * 本科, 本科 → 研究生) gets the new account on the same person, so their
 * applications and tasks follow them; the old account can be disabled.
 * Every change is audited.
 */
export function createAccountAdmin(deps: { db: Db; audit: AuditService; sessions: SessionKeeper }) {
  const { db, audit, sessions } = deps;

  async function accountsOf(personId: string): Promise<PersonAccountsDto> {
    const person = await repo.findPersonProfile(db, personId);
    if (!person) throw new AppError('PERSON_NOT_FOUND');
    const accounts = await repo.findAccountsOfPerson(db, personId);
    return {
      personId,
      name: person.name,
      accounts: accounts.map((a): AccountAdminDto => ({ accountNo: a.account_no, kind: a.kind, status: a.status, mustChangePassword: a.must_change_password, createdAt: a.created_at.toISOString() })),
    };
  }

  return {
    accountsOf,

    /** People with their accounts, newest first; phone and ID number masked. */
    async listPeople(query: PeopleListQuery): Promise<PeopleListDto> {
      const rows = await peopleRepo.findPeoplePage(db, { q: query.q || undefined, cursor: decodeCursor(query.cursor), limit: query.limit + 1 });
      const page = rows.slice(0, query.limit);
      const accounts = await peopleRepo.findAccountsOfPeople(db, page.map((row) => row.id));
      const last = page.at(-1);
      return {
        items: page.map((row) => ({
          personId: row.id,
          name: row.name,
          kind: row.kind,
          departmentName: row.department_name,
          className: row.class_name,
          phone: mask.phone(row.phone),
          idNumber: mask.idNumber(row.id_number),
          idType: row.id_type,
          accounts: accounts.filter((a) => a.person_id === row.id).map((a) => ({ accountNo: a.account_no, status: a.status })),
        })),
        nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.created_at, id: last.id }) : null,
      };
    },

    /** The people import (人员导入): check a CSV, and apply it as a whole when asked. */
    importPeople: createPeopleImport({ db, audit }),

    /** A new account (学号/工号) on an existing person; its initial password is the last 8 of the ID number, to be changed at first login. */
    async linkAccount(admin: Auth, personId: string, body: LinkAccountBody, origin: RequestOrigin): Promise<PersonAccountsDto> {
      const idNumber = await repo.findIdNumber(db, personId);
      if (!(await repo.findPersonProfile(db, personId))) throw new AppError('PERSON_NOT_FOUND');
      const passwordHash = idNumber ? INITIAL_PASSWORD_MARK : null;
      try {
        await db.transaction().execute(async (tx) => {
          await tx.insertInto('account').values({ person_id: personId, account_no: body.accountNo, kind: body.kind, password_hash: passwordHash, must_change_password: true }).execute();
          await audit.record(tx, { action: 'accountLinked', outcome: 'ok', actorPersonId: admin.personId, actorLabel: admin.accountNo, target: `person:${personId}`, origin, detail: { accountNo: body.accountNo } });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('ACCOUNT_NO_TAKEN');
        throw error;
      }
      return accountsOf(personId);
    },

    /** Disables or re-enables an account; a disabled account cannot log in and its sessions stop working. */
    async setAccountStatus(admin: Auth, accountNo: string, status: 'active' | 'disabled', origin: RequestOrigin): Promise<PersonAccountsDto> {
      const account = await repo.findAccountByNo(db, accountNo);
      if (!account) throw new AppError('NOT_FOUND');
      // An administrator disabling the account they are using would lock themself out of the console.
      if (status === 'disabled' && account.id === admin.accountId) throw new AppError('CANNOT_DISABLE_OWN_ACCOUNT');
      const ended = await db.transaction().execute(async (tx) => {
        await tx.updateTable('account').set({ status }).where('id', '=', account.id).execute();
        await audit.record(tx, { action: 'accountStatusChanged', outcome: 'ok', actorPersonId: admin.personId, actorLabel: admin.accountNo, target: `account:${accountNo}`, origin, detail: { status } });
        // The account's sessions end at once, on every server process; the person's other accounts are untouched.
        return status === 'disabled' ? sessions.end(tx, { personId: account.person_id, accountId: account.id }) : null;
      });
      ended?.forget();
      return accountsOf(account.person_id);
    },
  };
}

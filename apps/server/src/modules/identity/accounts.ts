import type { AccountAdminDto, LinkAccountBody, PersonAccountsDto } from '@onehall/contracts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { AuditService, RequestOrigin } from '../audit/audit.service.ts';
import * as repo from './identity.repository.ts';
import { hashPassword, initialPassword } from './password.ts';
import type { Auth, SessionKeeper } from './sessions.ts';

const isUniqueViolation = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

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

    /** A new account (学号/工号) on an existing person; its initial password is the last 8 of the ID number, to be changed at first login. */
    async linkAccount(admin: Auth, personId: string, body: LinkAccountBody, origin: RequestOrigin): Promise<PersonAccountsDto> {
      const idNumber = await repo.findIdNumber(db, personId);
      if (!(await repo.findPersonProfile(db, personId))) throw new AppError('PERSON_NOT_FOUND');
      const passwordHash = idNumber ? await hashPassword(initialPassword(idNumber)) : null;
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

import type { IdentityProviderId } from '@onehall/contracts';
import type { Db } from '../../platform/db.ts';
import type { AuditService, RequestOrigin } from '../audit/audit.service.ts';
import * as repo from './identity.repository.ts';
import type { AccountRow } from './identity.table.ts';
import type { Auth, SessionKeeper } from './sessions.ts';

export type LogInAs = ReturnType<typeof createLogInAs>;

/**
 * Logging a person in once another provider has proved who they are (CAS,
 * OpenID Connect, WeCom): one transaction resets the failed-password count,
 * opens the session, links the person's identity at the provider (`subject`)
 * and records the login. The initial-password rule is the hall's own, so
 * such a session never has to change it.
 */
export function createLogInAs(deps: { db: Db; audit: AuditService; sessions: SessionKeeper }) {
  const { db, audit, sessions } = deps;
  return async function logInAs(account: AccountRow, provider: IdentityProviderId, origin: RequestOrigin, options: { subject?: string; casTicketHash?: string } = {}): Promise<{ token: string; auth: Auth }> {
    const roles = await repo.findRoleCodes(db, account.person_id);
    const opened = await db.transaction().execute(async (tx) => {
      if (account.failed_logins > 0 || account.locked_until) await repo.clearFailedLogins(tx, account.id);
      const session = await sessions.open(tx, account, origin, provider, options.casTicketHash ? { casTicketHash: options.casTicketHash } : {});
      if (options.subject) await repo.touchExternalIdentity(tx, provider, options.subject, account.person_id);
      await audit.record(tx, { action: 'login', outcome: 'ok', actorPersonId: account.person_id, actorLabel: account.account_no, origin, detail: { provider } });
      return session;
    });
    return {
      token: opened.token,
      auth: { sessionId: opened.sessionId, accountId: account.id, accountNo: account.account_no, personId: account.person_id, roles, mustChangePassword: false, csrfToken: opened.csrfToken, provider },
    };
  };
}

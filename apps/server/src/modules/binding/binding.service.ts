import { mask, type BindingStatusDto, type BindPhoneBody } from '@onehall/contracts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { AuditService, RequestOrigin } from '../audit/audit.service.ts';
import type { Auth, IdentityService } from '../identity/identity.service.ts';
import type { VerificationService } from '../verification/verification.service.ts';
import * as repo from './binding.repository.ts';

/** How recent the login must be to bind or unbind: a stale (cached) session never does either. */
export const FRESH_LOGIN_MINUTES = 10;

export type BindingService = ReturnType<typeof createBindingService>;

/**
 * Registration and unbinding (the manual's chapters 1, 3 and 4). Both ask
 * for a login made just now, so a WeChat page cached from an earlier
 * identity can never bind or unbind anyone. Binding needs the phone verified
 * by an SMS code in this session; unbinding ends every session of the
 * person on every server process. Each is one transaction, audited.
 */
export function createBindingService(deps: { db: Db; audit: AuditService; identity: IdentityService; verification: VerificationService; followQrUrl?: string | undefined; now?: () => Date }) {
  const { db, audit, identity, verification } = deps;
  const now = deps.now ?? (() => new Date());

  async function requireFreshLogin(auth: Auth): Promise<void> {
    const startedAt = await repo.findSessionStartedAt(db, auth.sessionId);
    if (!startedAt || now().getTime() - startedAt.getTime() > FRESH_LOGIN_MINUTES * 60_000) throw new AppError('LOGIN_NOT_FRESH');
  }

  async function status(auth: Auth): Promise<BindingStatusDto> {
    const binding = await repo.findLiveBinding(db, auth.personId);
    return { bound: Boolean(binding), phone: binding ? mask.phone(binding.phone) : null, wecom: Boolean(binding?.wecom_userid), boundAt: binding ? binding.bound_at.toISOString() : null, followQrUrl: deps.followQrUrl ?? null };
  }

  return {
    status,

    /** 绑定手机号: the phone verified by an SMS code in this session becomes the person's binding. */
    async bindPhone(auth: Auth, body: BindPhoneBody, origin: RequestOrigin): Promise<BindingStatusDto> {
      await requireFreshLogin(auth);
      await db.transaction().execute(async (tx) => {
        if (await repo.findLiveBinding(tx, auth.personId)) throw new AppError('ALREADY_BOUND');
        await verification.consumeVerifiedPhone({ sessionId: auth.sessionId, purpose: 'bindPhone', phone: body.phone }, tx);
        await repo.insertBinding(tx, { person_id: auth.personId, phone: body.phone, wecom_userid: null });
        await audit.record(tx, { action: 'bind', outcome: 'ok', actorPersonId: auth.personId, actorLabel: auth.accountNo, target: mask.phone(body.phone), origin });
      });
      return status(auth);
    },

    /** 解除绑定: the binding ends and so does every session of the person, here and on every server process. */
    async unbind(auth: Auth, origin: RequestOrigin): Promise<void> {
      await requireFreshLogin(auth);
      const ended = await db.transaction().execute(async (tx) => {
        if (!(await repo.endBinding(tx, auth.personId))) throw new AppError('NOT_BOUND');
        await audit.record(tx, { action: 'unbind', outcome: 'ok', actorPersonId: auth.personId, actorLabel: auth.accountNo, origin });
        return identity.endSessionsOf(tx, auth.personId);
      });
      ended.forget();
    },
  };
}

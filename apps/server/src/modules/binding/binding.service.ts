import { createHash } from 'node:crypto';
import { mask, wecomSettings, type BindingStatusDto, type BindPhoneBody } from '@onehall/contracts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { AuditService, RequestOrigin } from '../audit/audit.service.ts';
import type { Auth, IdentityService } from '../identity/identity.service.ts';
import type { VerificationService } from '../verification/verification.service.ts';
import * as repo from './binding.repository.ts';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** How recent the login must be to bind or unbind: a stale (cached) session never does either. */
export const FRESH_LOGIN_MINUTES = 10;

export type BindingService = ReturnType<typeof createBindingService>;

/**
 * Registration and unbinding (the manual's chapters 1, 3 and 4). Both ask
 * for a login made just now, so a WeChat page cached from an earlier
 * identity can never bind or unbind anyone. Binding needs the phone verified
 * by an SMS code in this session; unbinding ends every session of the
 * person on every server process. Each is one transaction, audited.
 * `fallbackFollowQrUrl` is the server's WECOM_FOLLOW_QR_URL, shown when the
 * administrator has set no QR image in the WeCom settings.
 */
export function createBindingService(deps: { db: Db; audit: AuditService; identity: IdentityService; verification: VerificationService; fallbackFollowQrUrl?: string | undefined; now?: () => Date }) {
  const { db, audit, identity, verification } = deps;
  const now = deps.now ?? (() => new Date());

  async function requireFreshLogin(auth: Auth): Promise<void> {
    const startedAt = await identity.sessionStartedAt(auth.sessionId);
    if (!startedAt || now().getTime() - startedAt.getTime() > FRESH_LOGIN_MINUTES * 60_000) throw new AppError('LOGIN_NOT_FRESH');
  }

  /** The QR image of the school's WeCom account (步骤② 长按并关注): the administrator's, else the configured one. */
  async function followQrUrl(): Promise<string | null> {
    const row = await identity.providerRow('wecom');
    // Saved settings were checked on save; a row edited by hand that no longer parses falls back like an unset one.
    const saved = row ? wecomSettings.safeParse(row.settings) : undefined;
    return (saved?.success ? saved.data.followQrUrl : null) ?? deps.fallbackFollowQrUrl ?? null;
  }

  /** The person's binding; with the browser's pending WeCom member, whether it is another member than the one bound. */
  async function status(auth: Auth, wecomPendingToken?: string): Promise<BindingStatusDto> {
    const binding = await repo.findLiveBinding(db, auth.personId);
    const pending = binding && wecomPendingToken ? await repo.findWecomPending(db, sha256(wecomPendingToken)) : undefined;
    const conflict = pending && binding?.wecom_userid && binding.wecom_userid !== pending.wecom_userid ? ('PERSON_BOUND_TO_OTHER_WECOM' as const) : null;
    return {
      bound: Boolean(binding),
      phone: binding ? mask.phone(binding.phone) : null,
      wecom: Boolean(binding?.wecom_userid),
      boundAt: binding ? binding.bound_at.toISOString() : null,
      followQrUrl: await followQrUrl(),
      wecomConflict: conflict,
    };
  }

  return {
    status,

    /**
     * 绑定手机号. Inside WeCom the browser carries the WeCom member it came as
     * (`wecomPendingToken`): the binding records them too, and a phone equal
     * to the mobile WeCom holds is bound at once; any other phone needs an
     * SMS code verified in this session (the manual's 企业小助手 path).
     */
    async bindPhone(auth: Auth, body: BindPhoneBody, origin: RequestOrigin, wecomPendingToken?: string): Promise<BindingStatusDto> {
      await requireFreshLogin(auth);
      await db.transaction().execute(async (tx) => {
        const pending = wecomPendingToken ? await repo.findWecomPending(tx, sha256(wecomPendingToken)) : undefined;
        if (pending) {
          const other = await repo.findLiveBindingByWecomUser(tx, pending.wecom_userid);
          if (other && other.person_id !== auth.personId) throw new AppError('WECOM_BOUND_TO_OTHER');
        }
        const existing = await repo.findLiveBinding(tx, auth.personId);
        if (existing) throw new AppError(pending && existing.wecom_userid && existing.wecom_userid !== pending.wecom_userid ? 'PERSON_BOUND_TO_OTHER_WECOM' : 'ALREADY_BOUND');
        const sameAsWecom = pending?.mobile !== null && pending?.mobile === body.phone;
        if (!sameAsWecom) await verification.consumeVerifiedPhone({ sessionId: auth.sessionId, purpose: 'bindPhone', phone: body.phone }, tx);
        await repo.insertBinding(tx, { person_id: auth.personId, phone: body.phone, wecom_userid: pending?.wecom_userid ?? null });
        if (pending) await repo.useWecomPending(tx, pending.id);
        await audit.record(tx, { action: 'bind', outcome: 'ok', actorPersonId: auth.personId, actorLabel: auth.accountNo, target: mask.phone(body.phone), origin, detail: { wecom: Boolean(pending), verifiedBy: sameAsWecom ? 'wecomMobile' : 'sms' } });
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

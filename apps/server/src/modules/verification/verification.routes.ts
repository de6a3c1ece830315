import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { checkSmsCodeBody, checkSmsCodeDto, errorBody, sendSmsCodeBody, sendSmsCodeDto } from '@onehall/contracts';
import { requireAuth, requireMember } from '../identity/identity.policy.ts';
import type { VerificationService } from './verification.service.ts';
import { originOf } from '../audit/request-origin.ts';

/**
 * SMS codes for a logged-in person (the registration journey verifies the
 * phone to bind). POSTs carry the session's CSRF token like every other.
 */
export async function registerVerificationRoutes(app: FastifyInstance, deps: { verification: VerificationService }): Promise<void> {
  const { verification } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auth = { preHandler: requireMember };
  const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 409: errorBody, 422: errorBody, 429: errorBody, 503: errorBody };

  r.post(
    '/api/verification/sms',
    {
      ...auth,
      schema: {
        tags: ['verification'],
        summary: '发送短信验证码 (the same answer for every number; limits per phone, account, IP and day)',
        body: sendSmsCodeBody,
        response: { 200: sendSmsCodeDto, ...errors },
      },
    },
    (request) => verification.sendCode(requireAuth(request), request.body, originOf(request)),
  );

  r.post(
    '/api/verification/sms/check',
    {
      ...auth,
      schema: {
        tags: ['verification'],
        summary: '校验短信验证码 (this session only; five wrong codes end it)',
        body: checkSmsCodeBody,
        response: { 200: checkSmsCodeDto, ...errors },
      },
    },
    (request) => verification.checkCode(requireAuth(request), request.body, originOf(request)),
  );
}

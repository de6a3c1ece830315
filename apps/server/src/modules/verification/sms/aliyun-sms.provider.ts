import { randomUUID } from 'node:crypto';
import { aliyunTimestamp, canonicalizedQuery, signAliyunRpc } from './aliyun.signature.ts';
import { postForJson } from './sms-http.ts';
import { SmsSendError, type SmsFailureKind, type SmsProvider } from './sms.provider.ts';

export interface AliyunSmsSettings {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
  regionId: string;
  /** https://dysmsapi.aliyuncs.com/ in production; a local fake in tests. */
  endpoint: string;
  timeoutMs: number;
}

/** Error codes worth another try: throttling and the platform's own trouble. Others are final. */
const retryable: Record<string, SmsFailureKind> = {
  'isv.BUSINESS_LIMIT_CONTROL': 'throttled',
  Throttling: 'throttled',
  'Throttling.User': 'throttled',
  'Throttling.Api': 'throttled',
  'isp.SYSTEM_ERROR': 'unavailable',
  'isp.GATEWAY_ERROR': 'unavailable',
  InternalError: 'unavailable',
  ServiceUnavailable: 'unavailable',
  // Our random nonce met an earlier one: the next attempt has a new one.
  SignatureNonceUsed: 'unavailable',
};
/** Codes that blame the number itself (the person typed a wrong or blocked number). */
const recipientCodes = new Set(['isv.MOBILE_NUMBER_ILLEGAL', 'isv.MOBILE_COUNT_OVER_LIMIT', 'isv.BLACK_KEY_CONTROL_LIMIT', 'isv.DOMESTIC_NUMBER_NOT_SUPPORTED']);

function failureKind(code: string): SmsFailureKind {
  return retryable[code] ?? (recipientCodes.has(code) ? 'recipient' : 'configuration');
}

/**
 * Aliyun SMS, dysmsapi SendSms (Version 2017-05-25), an RPC-style API: every
 * parameter, the signature included, goes in a form-encoded POST body.
 */
export function createAliyunSmsProvider(settings: AliyunSmsSettings, deps: { now?: () => Date } = {}): SmsProvider {
  const now = deps.now ?? (() => new Date());
  return {
    name: 'aliyun',
    async sendCode(message) {
      const params: Record<string, string> = {
        AccessKeyId: settings.accessKeyId,
        Action: 'SendSms',
        Format: 'JSON',
        RegionId: settings.regionId,
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: randomUUID(),
        SignatureVersion: '1.0',
        Timestamp: aliyunTimestamp(now()),
        Version: '2017-05-25',
        PhoneNumbers: message.phone,
        SignName: settings.signName,
        TemplateCode: settings.templateCode,
        TemplateParam: JSON.stringify({ code: message.code }),
        OutId: message.reference,
      };
      const body = canonicalizedQuery({ ...params, Signature: signAliyunRpc('POST', params, settings.accessKeySecret) });
      const { status, json } = await postForJson('aliyun', settings.endpoint, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }, settings.timeoutMs);
      const answer = (json ?? {}) as { Code?: unknown; BizId?: unknown };
      if (answer.Code === 'OK') return { messageId: typeof answer.BizId === 'string' ? answer.BizId : null };
      if (typeof answer.Code === 'string') throw new SmsSendError('aliyun', answer.Code, failureKind(answer.Code));
      throw new SmsSendError('aliyun', `HTTP_${status}`, status >= 500 ? 'unavailable' : 'configuration');
    },
  };
}

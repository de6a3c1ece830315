import { postForJson } from './sms-http.ts';
import { SmsSendError, type SmsFailureKind, type SmsProvider } from './sms.provider.ts';
import { tc3Authorization } from './tencent.signature.ts';

export interface TencentSmsSettings {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  /** A template whose {1} is the code and {2} the minutes it stays valid. */
  templateId: string;
  region: string;
  /** https://sms.tencentcloudapi.com/ in production; a local fake in tests. */
  endpoint: string;
  timeoutMs: number;
}

const CONTENT_TYPE = 'application/json; charset=utf-8';

/** Worth another try: the platform's own trouble and short-window throttling. */
function isRetryable(code: string): SmsFailureKind | null {
  if (code.startsWith('InternalError') || code.startsWith('RequestLimitExceeded') || code === 'ResourceUnavailable') return 'unavailable';
  if (['LimitExceeded.PhoneNumberThirtySecondLimit', 'LimitExceeded.PhoneNumberOneHourLimit', 'LimitExceeded.DeliveryFrequencyLimit'].includes(code)) return 'throttled';
  return null;
}
/** The number itself is at fault (or has had its day's messages: no retry helps within a code's life). */
const recipientCodes = new Set([
  'InvalidParameterValue.IncorrectPhoneNumber',
  'FailedOperation.PhoneNumberInBlacklist',
  'FailedOperation.PhoneNumberParseFail',
  'LimitExceeded.PhoneNumberDailyLimit',
  'LimitExceeded.PhoneNumberSameContentDailyLimit',
  'UnsupportedOperation.UnsupportedRegion',
]);

function failureKind(code: string): SmsFailureKind {
  return isRetryable(code) ?? (recipientCodes.has(code) ? 'recipient' : 'configuration');
}

interface SendSmsAnswer {
  Response?: {
    Error?: { Code?: string };
    SendStatusSet?: { Code?: string; SerialNo?: string }[];
  };
}

/**
 * Tencent Cloud SMS, API 3.0 SendSms (version 2021-01-11), signed with
 * TC3-HMAC-SHA256. A request-level failure comes in Response.Error; a
 * per-number one in that number's SendStatusSet entry, Code other than "Ok".
 */
export function createTencentSmsProvider(settings: TencentSmsSettings, deps: { now?: () => Date } = {}): SmsProvider {
  const now = deps.now ?? (() => new Date());
  const host = new URL(settings.endpoint).host;
  return {
    name: 'tencent',
    async sendCode(message) {
      const payload = JSON.stringify({
        PhoneNumberSet: [`+86${message.phone}`],
        SmsSdkAppId: settings.sdkAppId,
        SignName: settings.signName,
        TemplateId: settings.templateId,
        TemplateParamSet: [message.code, String(message.expiresInMinutes)],
        SessionContext: message.reference,
      });
      const timestamp = Math.floor(now().getTime() / 1000);
      const authorization = tc3Authorization({ secretId: settings.secretId, secretKey: settings.secretKey, service: 'sms', host, contentType: CONTENT_TYPE, payload, timestamp });
      const headers = {
        authorization,
        'content-type': CONTENT_TYPE,
        'x-tc-action': 'SendSms',
        'x-tc-version': '2021-01-11',
        'x-tc-timestamp': String(timestamp),
        'x-tc-region': settings.region,
      };
      const { status, json } = await postForJson('tencent', settings.endpoint, { headers, body: payload }, settings.timeoutMs);
      const response = (json as SendSmsAnswer | null)?.Response;
      const errorCode = response?.Error?.Code;
      if (errorCode) throw new SmsSendError('tencent', errorCode, failureKind(errorCode));
      const sent = response?.SendStatusSet?.[0];
      if (sent?.Code === 'Ok') return { messageId: sent.SerialNo ?? null };
      if (sent?.Code) throw new SmsSendError('tencent', sent.Code, failureKind(sent.Code));
      throw new SmsSendError('tencent', `HTTP_${status}`, status >= 500 ? 'unavailable' : 'configuration');
    },
  };
}

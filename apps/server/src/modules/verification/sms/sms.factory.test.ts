import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../platform/config.ts';
import { createSmsProvider, missingSmsSettings } from './sms.factory.ts';
import { SmsSendError } from './sms.provider.ts';

const silent = { info: () => {} };

describe('choosing the SMS provider', () => {
  it('writes codes to the log by default, with nothing to configure', async () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ SMS_PROVIDER: 'log', SMS_DAILY_BUDGET: 2000, SMS_IP_HOURLY_LIMIT: 20, SMS_ACCOUNT_DAILY_LIMIT: 10 });
    const lines: Record<string, unknown>[] = [];
    const provider = createSmsProvider(config, { info: (object) => void lines.push(object) });
    expect(provider.name).toBe('log');
    await provider.sendCode({ phone: '13812345678', purpose: 'bindPhone', code: '042424', expiresInMinutes: 5, reference: 'r1' });
    expect(lines).toEqual([{ sms: { provider: 'log', phone: '138****5678', purpose: 'bindPhone', reference: 'r1' }, code: '042424' }]);
  });

  it('refuses to start a vendor without its settings, naming them (and never their values)', () => {
    expect(() => createSmsProvider(loadConfig({ SMS_PROVIDER: 'aliyun', ALIYUN_SMS_ACCESS_KEY_ID: 'id', ALIYUN_SMS_ACCESS_KEY_SECRET: 'top-secret' }), silent)).toThrow(
      'SMS_PROVIDER=aliyun needs ALIYUN_SMS_SIGN_NAME, ALIYUN_SMS_TEMPLATE_CODE',
    );
    expect(missingSmsSettings(loadConfig({ SMS_PROVIDER: 'tencent' }))).toEqual(['TENCENT_SMS_SECRET_ID', 'TENCENT_SMS_SECRET_KEY', 'TENCENT_SMS_SDK_APP_ID', 'TENCENT_SMS_SIGN_NAME', 'TENCENT_SMS_TEMPLATE_ID']);
    const tencent = createSmsProvider(
      loadConfig({ SMS_PROVIDER: 'tencent', TENCENT_SMS_SECRET_ID: 'a', TENCENT_SMS_SECRET_KEY: 'b', TENCENT_SMS_SDK_APP_ID: 'c', TENCENT_SMS_SIGN_NAME: 'd', TENCENT_SMS_TEMPLATE_ID: 'e' }),
      silent,
    );
    expect(tencent.name).toBe('tencent');
  });

  it('rejects an unknown provider and a bad endpoint at boot', () => {
    expect(() => loadConfig({ SMS_PROVIDER: 'smtp' })).toThrow(/SMS_PROVIDER/);
    expect(() => loadConfig({ ALIYUN_SMS_ENDPOINT: 'not a url' })).toThrow(/ALIYUN_SMS_ENDPOINT/);
  });

  it('says which refusals are worth retrying', () => {
    expect(new SmsSendError('aliyun', 'isv.BUSINESS_LIMIT_CONTROL', 'throttled').isRetryable).toBe(true);
    expect(new SmsSendError('aliyun', 'NETWORK', 'unavailable').isRetryable).toBe(true);
    expect(new SmsSendError('aliyun', 'isv.MOBILE_NUMBER_ILLEGAL', 'recipient').isRetryable).toBe(false);
    expect(new SmsSendError('tencent', 'AuthFailure.SignatureFailure', 'configuration').isRetryable).toBe(false);
    expect(new SmsSendError('tencent', 'AuthFailure.SignatureFailure', 'configuration').message).toBe('tencent SMS not sent: AuthFailure.SignatureFailure (configuration)');
  });
});

import type { Config } from '../../../platform/config.ts';
import { createAliyunSmsProvider } from './aliyun-sms.provider.ts';
import { createLogSmsProvider, type SmsLog } from './log-sms.provider.ts';
import type { SmsProvider } from './sms.provider.ts';
import { createTencentSmsProvider } from './tencent-sms.provider.ts';

/** The settings a provider needs that the configuration lacks. */
export function missingSmsSettings(config: Config): string[] {
  const required: Record<Config['SMS_PROVIDER'], (keyof Config)[]> = {
    log: [],
    aliyun: ['ALIYUN_SMS_ACCESS_KEY_ID', 'ALIYUN_SMS_ACCESS_KEY_SECRET', 'ALIYUN_SMS_SIGN_NAME', 'ALIYUN_SMS_TEMPLATE_CODE'],
    tencent: ['TENCENT_SMS_SECRET_ID', 'TENCENT_SMS_SECRET_KEY', 'TENCENT_SMS_SDK_APP_ID', 'TENCENT_SMS_SIGN_NAME', 'TENCENT_SMS_TEMPLATE_ID'],
  };
  return required[config.SMS_PROVIDER].filter((name) => !config[name]);
}

/** The provider the configuration names. Throws at boot when its settings are incomplete. */
export function createSmsProvider(config: Config, log: SmsLog): SmsProvider {
  const missing = missingSmsSettings(config);
  if (missing.length > 0) throw new Error(`SMS_PROVIDER=${config.SMS_PROVIDER} needs ${missing.join(', ')}`);
  const timeoutMs = config.SMS_TIMEOUT_MS;
  switch (config.SMS_PROVIDER) {
    case 'log':
      return createLogSmsProvider(log);
    case 'aliyun':
      return createAliyunSmsProvider({
        accessKeyId: config.ALIYUN_SMS_ACCESS_KEY_ID!,
        accessKeySecret: config.ALIYUN_SMS_ACCESS_KEY_SECRET!,
        signName: config.ALIYUN_SMS_SIGN_NAME!,
        templateCode: config.ALIYUN_SMS_TEMPLATE_CODE!,
        regionId: config.ALIYUN_SMS_REGION,
        endpoint: config.ALIYUN_SMS_ENDPOINT,
        timeoutMs,
      });
    case 'tencent':
      return createTencentSmsProvider({
        secretId: config.TENCENT_SMS_SECRET_ID!,
        secretKey: config.TENCENT_SMS_SECRET_KEY!,
        sdkAppId: config.TENCENT_SMS_SDK_APP_ID!,
        signName: config.TENCENT_SMS_SIGN_NAME!,
        templateId: config.TENCENT_SMS_TEMPLATE_ID!,
        region: config.TENCENT_SMS_REGION,
        endpoint: config.TENCENT_SMS_ENDPOINT,
        timeoutMs,
      });
  }
}

import { mask } from '@onehall/contracts';
import type { SmsProvider } from './sms.provider.ts';

/** The part of a pino logger the log provider uses. */
export interface SmsLog {
  info(object: Record<string, unknown>, message: string): void;
}

/**
 * Development: nothing is sent, the code goes to the server log. This line
 * is the only place a code may ever be logged; the phone stays masked.
 */
export function createLogSmsProvider(log: SmsLog): SmsProvider {
  return {
    name: 'log',
    async sendCode(message) {
      log.info({ sms: { provider: 'log', phone: mask.phone(message.phone), purpose: message.purpose, reference: message.reference }, code: message.code }, 'SMS code (SMS_PROVIDER=log: not sent, shown here only)');
      return { messageId: null };
    },
  };
}

import { useMemo, useRef } from 'react';
import { ApiError } from '../api/api-client.ts';
import { newIdempotencyKey } from '../lib/idempotency-key.ts';

export interface IntentKey {
  /** The key of the current intent, made on first use. */
  current(): string;
  /** A new intent begins (a dialog opens): forget the old key. */
  renew(): void;
  /**
   * A request with the key ended. After an answer from the server (success
   * or a refusal) the next request is a new intent; after a lost answer or a
   * 5xx the outcome is unknown, so the key is kept and a retry is recognised
   * by the server instead of acting twice.
   */
  settle(error?: unknown): void;
}

/** One idempotency key per thing the person means to do, kept across retries of it. */
export function useIntentKey(): IntentKey {
  const key = useRef<string | null>(null);
  return useMemo(
    () => ({
      current() {
        key.current ??= newIdempotencyKey();
        return key.current;
      },
      renew() {
        key.current = null;
      },
      settle(error?: unknown) {
        const unknownOutcome = error instanceof ApiError && (error.status === 0 || error.status >= 500);
        if (!unknownOutcome) key.current = null;
      },
    }),
    [],
  );
}

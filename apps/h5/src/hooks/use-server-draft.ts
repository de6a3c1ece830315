import type { DraftDto } from '@onehall/contracts';
import { draftLimits } from '@onehall/contracts/plain';
import { hallApi } from '../api/hall-api.ts';
import type { DraftValues } from '../lib/form-values.ts';
import { useLoad } from './use-load.ts';

/** The server's copy of my draft of a service, once asked for. */
export interface ServerDraft {
  /** The form may be shown: the answer came, or could not be had (the form then starts from the phone's copy). */
  ready: boolean;
  draft: DraftDto | null;
}

/**
 * My draft of a service kept on the server (草稿), for the launch page: it
 * is compared with the phone's copy when the form opens (the newer wins).
 * Not asked for when the form starts from a copy (再次申请).
 */
export function useServerDraft(serviceCode: string, options: { skip: boolean }): ServerDraft {
  const load = useLoad(() => (options.skip ? Promise.resolve(null) : hallApi.getDraft(serviceCode).catch(() => null)), [serviceCode, options.skip]);
  return { ready: !load.loading, draft: load.data?.draft ?? null };
}

/** Bodies up to this size go with fetch keepalive (browsers allow 64 KB in all for a page's keepalive requests). */
const KEEPALIVE_MAX_CHARS = 60 * 1024;

export interface ServerDraftSaver {
  /** Saves these values a moment (draftLimits.saveDelayMs) after the last call. */
  schedule(values: DraftValues): void;
  /** Saves what is waiting now, with a request that outlives the page (page hidden or left). */
  flush(): void;
  /** Forgets what is waiting; with `deleteOnServer`, or when a save is on its way, deletes the server's copy after it. */
  discard(options: { deleteOnServer: boolean }): void;
}

/**
 * Saves a form's values to the server as the person types, debounced. A
 * failed save is not retried or shown: the phone's copy (draft-storage.ts)
 * is kept at once, and the next change saves again. A save never sends the
 * person to the login page (it happens in the background). `onSaved` gets
 * the values saved and the server's time of the save.
 */
export function createServerDraftSaver(target: { serviceCode: string; formVersion: number }, onSaved: (values: DraftValues, updatedAt: string) => void): ServerDraftSaver {
  let waiting: DraftValues | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<void> | null = null;

  function stopTimer() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  function send(keepalive: boolean) {
    stopTimer();
    if (!waiting) return;
    const values = waiting;
    waiting = null;
    const body = { formVersion: target.formVersion, data: values };
    const small = JSON.stringify(body).length <= KEEPALIVE_MAX_CHARS;
    const request = hallApi.saveDraft(target.serviceCode, body, { redirectToLogin: false, keepalive: keepalive && small }).then(
      (saved) => onSaved(values, saved.updatedAt),
      () => {},
    );
    const tracked: Promise<void> = request.finally(() => {
      if (inFlight === tracked) inFlight = null;
    });
    inFlight = tracked;
  }

  return {
    schedule(values) {
      waiting = values;
      stopTimer();
      timer = setTimeout(() => send(false), draftLimits.saveDelayMs);
    },
    flush: () => send(true),
    discard({ deleteOnServer }) {
      stopTimer();
      waiting = null;
      // A save still on its way would bring the draft back after the delete (or after the submit's): delete once it has landed.
      if (!deleteOnServer && !inFlight) return;
      void (inFlight ?? Promise.resolve()).then(() => hallApi.deleteDraft(target.serviceCode, { redirectToLogin: false }).catch(() => {}));
    },
  };
}

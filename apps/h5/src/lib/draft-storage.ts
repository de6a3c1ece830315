import type { DraftValues } from './form-values.ts';

/**
 * A form being filled in is kept on the phone (localStorage) as the person
 * types, so a reload, a call or WeCom closing the page loses nothing. One
 * entry per person, service and form version: a new version of the form
 * starts afresh (its fields may differ), and on a shared phone one person's
 * draft is not offered to the next. This is the immediate copy; the server
 * keeps one too (草稿, hooks/use-server-draft.ts), and the newer one wins.
 */

const PREFIX = 'onehall:form-draft:v1';

export interface DraftKey {
  personId: string;
  serviceCode: string;
  formVersion: number;
}

export interface StoredDraft {
  savedAt: string;
  values: DraftValues;
}

const keyOf = ({ personId, serviceCode, formVersion }: DraftKey) => `${PREFIX}:${personId}:${serviceCode}:${formVersion}`;

/** localStorage, or null where it is unavailable (private mode, storage disabled): drafts are then not kept. */
function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The draft kept for this form, if any (unchecked: the caller fits it to the form). */
export function readDraft(key: DraftKey): StoredDraft | null {
  try {
    const text = storage()?.getItem(keyOf(key));
    if (!text) return null;
    const parsed = JSON.parse(text) as Partial<StoredDraft>;
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.values !== 'object' || parsed.values === null || Array.isArray(parsed.values)) return null;
    return { savedAt: typeof parsed.savedAt === 'string' ? parsed.savedAt : '', values: parsed.values };
  } catch {
    return null;
  }
}

/**
 * Keeps the draft, and forgets the drafts of older versions of the same form.
 * `savedAt` defaults to now on this phone; once the server has the same
 * values, its time is written instead, so comparing with the server's copy
 * later does not depend on this phone's clock.
 */
export function writeDraft(key: DraftKey, values: DraftValues, savedAt: string = new Date().toISOString()): void {
  const store = storage();
  if (!store) return;
  try {
    store.setItem(keyOf(key), JSON.stringify({ savedAt, values } satisfies StoredDraft));
    const sameForm = `${PREFIX}:${key.personId}:${key.serviceCode}:`;
    for (let index = store.length - 1; index >= 0; index--) {
      const name = store.key(index);
      if (name && name.startsWith(sameForm) && name !== keyOf(key)) store.removeItem(name);
    }
  } catch {
    // Full or refused: the form still works, only without a kept draft.
  }
}

export function removeDraft(key: DraftKey): void {
  try {
    storage()?.removeItem(keyOf(key));
  } catch {
    // Nothing to do.
  }
}

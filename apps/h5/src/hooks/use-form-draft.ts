import { useEffect, useMemo, useRef, useState } from 'react';
import { evaluateForm, todayInShanghai, validateForm, type FormDefinition, type FormEvaluation, type FormValues } from '@onehall/forms';
import type { DraftDto } from '@onehall/contracts';
import { readDraft, removeDraft, writeDraft, type DraftKey } from '../lib/draft-storage.ts';
import { isDraftBlank, toDraftValues, type DraftValue, type DraftValues } from '../lib/form-values.ts';
import { language } from '../i18n/language.ts';
import { t } from '../i18n/translate.ts';
import { formLocale, labelOf } from '../lib/form-text.ts';
import { createServerDraftSaver, type ServerDraftSaver } from './use-server-draft.ts';

export { toDraftValues };
export type { DraftValue, DraftValues };

/** Errors for display, one message per field key (or per cell: `${key}.${row}.${column}`). */
export type FieldMessages = Record<string, string>;

/** A field error as the validator and the server's FORM_INVALID answer give it. */
export interface FieldMessage {
  key: string;
  /** The validator's code (the server's answer carries it too). */
  code?: string | undefined;
  message: string;
  row?: number | undefined;
  column?: string | undefined;
}

export interface FormDraft {
  form: FormDefinition;
  values: DraftValues;
  /** Errors of whole fields. */
  errors: FieldMessages;
  /** Errors of detail-table cells, by `${key}.${row}.${column}`. */
  cellErrors: FieldMessages;
  /** The form as it stands: what is shown, what is required, the computed values (again at every change). */
  evaluation: FormEvaluation;
  /** When a kept draft (this phone's or the server's) was restored ('' when its time is unknown), else null. */
  restoredAt: string | null;
  change: (key: string, value: DraftValue | undefined) => void;
  /** Checks with the shared validator; shows the errors and returns null when the form is not right. */
  check: (today: string) => FormValues | null;
  /** Shows field errors (the validator's, or the server's FORM_INVALID list) and scrolls to the first. */
  showFieldErrors: (list: FieldMessage[]) => void;
  /** Fills the fields still blank (prefill), without counting as the person's own typing. */
  fillBlank: (values: DraftValues) => void;
  /** Starts again from nothing (清空重填), forgetting the kept draft (on the phone and on the server). */
  reset: () => void;
  /** Forgets the draft kept on the phone and on the server, and stops saving (after the submit). */
  forgetStored: () => void;
}

export const cellKey = (key: string, row: number, column: string) => `${key}.${row}.${column}`;

/** Brings the first field with an error into view and puts the focus on its control. */
function revealFirst(form: FormDefinition, errors: FieldMessages, cellErrors: FieldMessages): void {
  const invalid = new Set([...Object.keys(errors), ...Object.keys(cellErrors).map((key) => key.split('.')[0]!)]);
  const first = form.fields.find((field) => invalid.has(field.key));
  if (!first) return;
  // After React has drawn the messages: the field's height may change with them.
  requestAnimationFrame(() => {
    const element = document.querySelector<HTMLElement>(`[data-field="${first.key}"]`);
    if (!element) return;
    element.scrollIntoView({ block: 'center', behavior: 'smooth' });
    // Focus moves to the control (screen readers then read its label and error), the invalid one if it can take focus.
    const focusable = [...element.querySelectorAll<HTMLElement>('input:not([type="hidden"]):not([hidden]), textarea, button')].filter((el) => !el.hasAttribute('disabled'));
    const control = focusable.find((el) => el.getAttribute('aria-invalid') === 'true') ?? focusable[0];
    control?.focus({ preventScroll: true });
  });
}

/**
 * Field errors in the page's language. The server's FORM_INVALID messages are
 * Chinese: in English each is replaced by the browser validator's English
 * message for the same field (or cell) and code, which the server computed
 * from the same definition, else by a general one naming the field.
 */
function inPageLanguage(form: FormDefinition, values: DraftValues, list: FieldMessage[]): FieldMessage[] {
  if (language === 'zh') return list;
  const checked = validateForm(form, values, { today: todayInShanghai(), locale: formLocale });
  const local = checked.ok ? [] : checked.errors;
  const same = (a: FieldMessage, b: FieldMessage) => a.key === b.key && a.row === b.row && a.column === b.column;
  return list.map((item) => {
    const found = local.find((error) => same(error, item) && (item.code === undefined || error.code === item.code)) ?? local.find((error) => same(error, item));
    if (found) return { ...item, message: found.message };
    const field = form.fields.find((candidate) => candidate.key === item.key);
    const column = field?.type === 'table' ? field.columns.find((candidate) => candidate.key === item.column) : undefined;
    const label = column ?? field;
    return { ...item, message: t('components.form.invalid', { label: label ? labelOf(label) : item.key }) };
  });
}

/** The values a form opens with: a kept draft's, the newer of the phone's and the server's. */
function startingValues(form: FormDefinition, storage: DraftKey | null, remote: DraftDto | null | undefined) {
  const kept = storage ? readDraft(storage) : null;
  const candidates: { values: DraftValues; at: string; isServer: boolean }[] = [];
  if (kept) candidates.push({ values: toDraftValues(kept.values, form), at: kept.savedAt, isServer: false });
  // A draft of another version of the form is not offered (its fields may differ), as on the phone.
  if (remote && storage && remote.formVersion === storage.formVersion) candidates.push({ values: toDraftValues(remote.data, form), at: remote.updatedAt, isServer: true });
  const time = (iso: string) => Date.parse(iso) || 0;
  const usable = candidates.filter((c) => Object.keys(c.values).length > 0).sort((a, b) => time(b.at) - time(a.at));
  const newest = usable[0];
  if (!newest) return { values: {} as DraftValues, restoredAt: null, isServerBehind: false };
  // The phone's copy is newer than the server's (saved while offline, or the page closed before the save): send it.
  const isServerBehind = !newest.isServer && !usable.some((c) => c.isServer && time(c.at) >= time(newest.at));
  return { values: newest.values, restoredAt: newest.at, isServerBehind };
}

/**
 * A service form being filled in (the launch page) or corrected (重新提交):
 * the values as the controls hold them, the live evaluation (which fields
 * show, which are required, the computed values), the errors on screen,
 * and the one validator of the hall (`validateForm` of @onehall/forms)
 * before anything is sent. With `storage`, the values are kept on the phone
 * as the person types and restored when the page opens again; `initial`
 * (a copy of an earlier application) wins over a kept draft. With `server`
 * too (the server's copy, as useServerDraft answered it), the values are
 * also saved on the server a moment after typing stops and when the page is
 * hidden or left (草稿, to go on on another phone), and the newer of the two
 * copies is restored.
 */
export function useFormDraft(form: FormDefinition, initial?: DraftValues, options: { storage?: DraftKey | null; server?: { draft: DraftDto | null } | null } = {}): FormDraft {
  const storage = options.storage ?? null;
  const [start] = useState(() => {
    if (initial) return { values: toDraftValues(initial, form), restoredAt: null, isServerBehind: false };
    return startingValues(form, storage, options.server?.draft);
  });
  const [values, setValues] = useState<DraftValues>(start.values);
  const [restoredAt, setRestoredAt] = useState<string | null>(start.restoredAt);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [cellErrors, setCellErrors] = useState<FieldMessages>({});
  // Only the person's own changes are kept; a prefill alone is not a draft.
  const dirty = useRef(false);
  const today = todayInShanghai();
  const evaluation = useMemo(() => evaluateForm(form, values, { today, locale: formLocale }), [form, values, today]);

  const storageKey = storage ? `${storage.personId}:${storage.serviceCode}:${storage.formVersion}` : null;
  useEffect(() => {
    if (!storage || !dirty.current) return;
    // A moment after the last key press, so typing is not slowed by writing.
    const timer = setTimeout(() => {
      if (dirty.current) writeDraft(storage, values);
    }, 300);
    return () => clearTimeout(timer);
    // `storageKey` stands for `storage`.
  }, [storageKey, values]);

  // The server's copy: saved later than the phone's (draftLimits.saveDelayMs), and at once when the page is hidden or left.
  const latest = useRef(values);
  latest.current = values;
  const saver = useRef<ServerDraftSaver | null>(null);
  const savesToServer = Boolean(storage && options.server && !initial);
  const sendToServer = useRef(start.isServerBehind);
  useEffect(() => {
    if (!storage || !savesToServer) return;
    const key = storage;
    const current = createServerDraftSaver(key, (saved, updatedAt) => {
      // The phone's copy takes the server's time when it holds the same values, so the next comparison needs no agreement of clocks.
      if (saved === latest.current && dirty.current) writeDraft(key, saved, updatedAt);
    });
    saver.current = current;
    const flushWhenHidden = () => {
      if (document.visibilityState === 'hidden') current.flush();
    };
    const flush = () => current.flush();
    document.addEventListener('visibilitychange', flushWhenHidden);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('visibilitychange', flushWhenHidden);
      window.removeEventListener('pagehide', flush);
      // Leaving the page inside the app: what is waiting goes now.
      current.flush();
      if (saver.current === current) saver.current = null;
    };
    // `storageKey` stands for `storage`.
  }, [storageKey, savesToServer]);
  useEffect(() => {
    if (!sendToServer.current && !dirty.current) return;
    sendToServer.current = false;
    saver.current?.schedule(values);
  }, [storageKey, savesToServer, values]);

  function showFieldErrors(list: FieldMessage[]) {
    const fields: FieldMessages = {};
    const cells: FieldMessages = {};
    for (const item of inPageLanguage(form, values, list)) {
      if (item.row !== undefined && item.column !== undefined) cells[cellKey(item.key, item.row, item.column)] ??= item.message;
      else fields[item.key] ??= item.message;
    }
    setErrors(fields);
    setCellErrors(cells);
    revealFirst(form, fields, cells);
  }

  function change(key: string, value: DraftValue | undefined) {
    dirty.current = true;
    setValues((previous) => {
      const next = { ...previous };
      if (value === undefined) delete next[key];
      else next[key] = value;
      return next;
    });
    if (errors[key]) setErrors(({ [key]: _cleared, ...rest }) => rest);
    // A table's cell errors go when the person changes the table (rows may have moved).
    if (Object.keys(cellErrors).some((name) => name.startsWith(`${key}.`))) setCellErrors((previous) => Object.fromEntries(Object.entries(previous).filter(([name]) => !name.startsWith(`${key}.`))));
  }

  function check(day: string): FormValues | null {
    const checked = validateForm(form, values, { today: day, locale: formLocale });
    if (!checked.ok) {
      showFieldErrors(checked.errors);
      return null;
    }
    setErrors({});
    setCellErrors({});
    return checked.values;
  }

  function fillBlank(prefill: DraftValues) {
    setValues((previous) => {
      const next = { ...previous };
      for (const [key, value] of Object.entries(toDraftValues(prefill, form))) if (isDraftBlank(next[key])) next[key] = value;
      return next;
    });
  }

  function reset() {
    dirty.current = false;
    if (storage) removeDraft(storage);
    saver.current?.discard({ deleteOnServer: true });
    setValues({});
    setErrors({});
    setCellErrors({});
    setRestoredAt(null);
  }

  function forgetStored() {
    dirty.current = false;
    if (storage) removeDraft(storage);
    // The submit deleted the server's copy in its transaction; a save that reached the server just after
    // it would bring the draft back, so it is deleted again once any save on its way has landed.
    saver.current?.discard({ deleteOnServer: true });
  }

  return { form, values, errors, cellErrors, evaluation, restoredAt, change, check, showFieldErrors, fillBlank, reset, forgetStored };
}

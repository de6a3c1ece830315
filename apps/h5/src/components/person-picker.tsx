import { useState } from 'react';
import { Button, Input, Selector } from 'antd-mobile';
import type { PersonRefDto } from '@onehall/contracts';

// The API's person ids are RFC 9562 UUIDs (zod's `z.uuid()`): the same
// pattern here, so the browser refuses what the server would refuse.
const PERSON_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})$/i;

/** Whether a text is a well-formed person id. */
export function isPersonId(text: string): boolean {
  return PERSON_ID.test(text.trim());
}

interface PersonPickerProps {
  /** The id of the text field, for its label. */
  id: string;
  /** The chosen person ids. */
  value: string[];
  onChange: (next: string[]) => void;
  /** At most this many; with 1, a new choice replaces the old one. */
  max: number;
  /** People already known on the page (applicant, approvers, signers), offered with one tap. */
  choices: PersonRefDto[];
  required?: boolean;
  /** A message from the surrounding form (e.g. 请选择人员). */
  error?: string | undefined;
}

/**
 * 选择人员. There is no person-search API yet, so besides the people the page
 * already knows, a person is entered by id. This component is the one place
 * that knows that: when search arrives, only its internals change.
 */
export function PersonPicker({ id, value, onChange, max, choices, required = false, error }: PersonPickerProps) {
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState<string | null>(null);
  const known = new Set(choices.map((person) => person.personId));
  const entered = value.filter((personId) => !known.has(personId));
  const shownError = draftError ?? error;

  function choose(next: string[]) {
    const unique = [...new Set(next)];
    if (max === 1) {
      onChange(unique.slice(-1));
      return;
    }
    if (unique.length > max) {
      setDraftError(`最多选择 ${max} 人`);
      return;
    }
    setDraftError(null);
    onChange(unique);
  }

  /** Adds the typed id, or says why it is not one. */
  function addDraft(): void {
    const text = draft.trim().toLowerCase();
    if (!text) return;
    if (!isPersonId(text)) {
      setDraftError('请输入正确的人员编号（如 1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed）');
      return;
    }
    setDraft('');
    setDraftError(null);
    choose([...value, text]);
  }

  const errorId = shownError ? `${id}-error` : undefined;
  return (
    <div className={shownError ? 'form-field person-picker form-field--invalid' : 'form-field person-picker'}>
      <label className="form-field__label" htmlFor={id}>
        {required && (
          <span className="form-field__required" aria-hidden="true">
            *
          </span>
        )}
        选择人员
        {max > 1 && <span className="person-picker__max">（最多 {max} 人）</span>}
      </label>
      {choices.length > 0 && (
        <Selector
          className="person-picker__choices"
          aria-label="本单相关人员"
          columns={3}
          multiple={max > 1}
          options={choices.map((person) => ({ label: person.name, description: person.departmentName ?? undefined, value: person.personId }))}
          value={value.filter((personId) => known.has(personId))}
          onChange={(picked) => choose([...entered, ...picked])}
        />
      )}
      {entered.length > 0 && (
        <ul className="person-picker__entered" aria-label="已输入的人员">
          {entered.map((personId) => (
            <li key={personId} className="person-picker__chip">
              <span className="person-picker__chip-id">{personId}</span>
              <button type="button" className="person-picker__remove" aria-label={`移除 ${personId}`} onClick={() => choose(value.filter((p) => p !== personId))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="person-picker__entry">
        <Input
          id={id}
          className="person-picker__input"
          placeholder="输入人员编号"
          value={draft}
          onChange={(text) => {
            setDraft(text);
            if (draftError) setDraftError(null);
          }}
          onEnterPress={() => addDraft()}
          // Leaving the field counts as 添加: a complete id is taken (the
          // person meant it, tapped or not), a wrong one is pointed out.
          onBlur={() => {
            if (draft.trim()) addDraft();
          }}
          autoComplete="off"
          aria-invalid={shownError ? true : undefined}
          aria-describedby={[`${id}-help`, errorId].filter(Boolean).join(' ')}
          clearable
        />
        <Button size="small" color="primary" fill="outline" onClick={addDraft}>
          添加
        </Button>
      </div>
      <p className="form-field__help" id={`${id}-help`}>
        {choices.length > 0 ? '可点选上方人员，或输入人员编号后点“添加”' : '输入人员编号后点“添加”'}
      </p>
      {shownError && (
        <p className="form-field__error" id={errorId} role="alert">
          {shownError}
        </p>
      )}
    </div>
  );
}

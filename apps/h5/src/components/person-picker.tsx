import { useEffect, useState } from 'react';
import { Button, Input, Selector } from 'antd-mobile';
import type { PersonOptionDto, PersonRefDto } from '@onehall/contracts';
import { describeError } from '../api/api-client.ts';
import { hallApi } from '../api/hall-api.ts';
import { t } from '../i18n/translate.ts';

// The API's person ids are RFC 9562 UUIDs (zod's `z.uuid()`): the same
// pattern here, so the browser refuses what the server would refuse.
const PERSON_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})$/i;

/** Whether a text is a well-formed person id. */
export function isPersonId(text: string): boolean {
  return PERSON_ID.test(text.trim());
}

type KnownPerson = Pick<PersonOptionDto, 'name' | 'departmentName' | 'accountNo'>;

/** People met in search results and look-ups this visit, by id: a chosen person keeps their name on screen. */
const knownPeople = new Map<string, KnownPerson>();

const describe = (person: KnownPerson) => [person.departmentName, person.accountNo].filter(Boolean).join(' · ');

export interface PersonChooserProps {
  /** The id of the search box, for its label. */
  id: string;
  /** The chosen person ids. */
  value: string[];
  onChange: (next: string[]) => void;
  /** At most this many; with 1, a new choice replaces the old one. */
  max: number;
  /** People already known on the page (applicant, approvers, signers), offered with one tap. */
  choices?: PersonRefDto[];
  /** Look up the names of chosen ids not met yet (a restored draft, a copied application). */
  resolveNames?: boolean;
  invalid?: boolean;
  describedBy?: string | undefined;
  /** The chooser's own complaint (a malformed id, too many people), for the surrounding field to show. */
  onProblem: (message: string | null) => void;
}

/**
 * 选择人员: search by name, pinyin, initials or 学号/工号 (GET /api/people)
 * and tap a result; people the page already knows are offered with one
 * tap; a person id can still be pasted and added. This component is the one
 * place that knows how people are found.
 */
export function PersonChooser({ id, value, onChange, max, choices = [], resolveNames = false, invalid = false, describedBy, onProblem }: PersonChooserProps) {
  const [draft, setDraft] = useState('');
  const [results, setResults] = useState<PersonOptionDto[] | null>(null);
  const [searching, setSearching] = useState(false);
  /** Why the last search found nothing when it failed (too many searches a minute, the network): said in place of 无结果. */
  const [searchFailure, setSearchFailure] = useState<string | null>(null);
  const [enteredById, setEnteredById] = useState<ReadonlySet<string>>(new Set());
  const [, setLearned] = useState(0);
  const known = new Set(choices.map((person) => person.personId));
  const others = value.filter((personId) => !known.has(personId));

  // Search a moment after typing stops; a full id is added, not searched.
  const query = draft.trim();
  useEffect(() => {
    if (!query || isPersonId(query)) {
      setResults(null);
      setSearching(false);
      return;
    }
    let current = true;
    setSearching(true);
    const timer = setTimeout(() => {
      hallApi.searchPeople(query).then(
        (answer) => {
          if (!current) return;
          for (const person of answer.items) knownPeople.set(person.personId, person);
          setResults(answer.items);
          setSearchFailure(null);
          setSearching(false);
        },
        (error: unknown) => {
          if (!current) return;
          setResults([]);
          setSearchFailure(describeError(error));
          setSearching(false);
        },
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  // Names of chosen people not met yet.
  const unknown = resolveNames ? others.filter((personId) => !knownPeople.has(personId) && isPersonId(personId)) : [];
  const unknownKey = unknown.join(',');
  useEffect(() => {
    if (!unknownKey) return;
    let current = true;
    hallApi.findPeople(unknownKey.split(',')).then(
      (answer) => {
        for (const person of answer.items) knownPeople.set(person.personId, person);
        if (current) setLearned((n) => n + 1);
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, [unknownKey]);

  function choose(next: string[]): boolean {
    const unique = [...new Set(next)];
    if (max === 1) {
      onChange(unique.slice(-1));
      onProblem(null);
      return true;
    }
    if (unique.length > max) {
      onProblem(t('components.people.tooMany', { count: max }));
      return false;
    }
    onProblem(null);
    onChange(unique);
    return true;
  }

  /** Adds the typed id, or says why it is not one. */
  function addDraft(): void {
    const text = draft.trim().toLowerCase();
    if (!text) return;
    if (!isPersonId(text)) {
      onProblem(t('components.people.badId'));
      return;
    }
    if (choose([...value, text])) {
      setEnteredById((previous) => new Set([...previous, text]));
      setDraft('');
    }
  }

  function pick(person: PersonOptionDto) {
    if (value.includes(person.personId)) return;
    if (choose([...value, person.personId])) {
      setDraft('');
      setResults(null);
    }
  }

  return (
    <div className="person-picker">
      {choices.length > 0 && (
        <Selector
          className="person-picker__choices"
          aria-label={t('components.people.onApplication')}
          columns={3}
          multiple={max > 1}
          options={choices.map((person) => ({ label: person.name, description: person.departmentName ?? undefined, value: person.personId }))}
          value={value.filter((personId) => known.has(personId))}
          onChange={(picked) => choose([...others, ...picked])}
        />
      )}
      {others.length > 0 && (
        <ul className="person-picker__entered" aria-label={t('components.people.chosen')}>
          {others.map((personId) => {
            const person = knownPeople.get(personId);
            const name = person?.name ?? '';
            return (
              <li key={personId} className="person-picker__chip">
                {person && <span className="person-picker__chip-name">{name}</span>}
                {(!person || enteredById.has(personId)) && <span className="person-picker__chip-id">{personId}</span>}
                <button type="button" className="person-picker__remove" aria-label={t('components.people.remove', { name: name || personId })} onClick={() => choose(value.filter((p) => p !== personId))}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="person-picker__entry">
        <Input
          id={id}
          className="person-picker__input"
          type="search"
          enterKeyHint="search"
          placeholder={t('components.people.placeholder')}
          value={draft}
          onChange={(text) => {
            setDraft(text);
            onProblem(null);
          }}
          onEnterPress={() => (isPersonId(draft) ? addDraft() : results?.length === 1 && pick(results[0]!))}
          // Leaving the box with a complete id takes it (the person meant it, 添加 tapped or not).
          onBlur={() => {
            if (isPersonId(draft)) addDraft();
          }}
          autoComplete="off"
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          aria-controls={results ? `${id}-results` : undefined}
          clearable
        />
        <Button size="small" color="primary" fill="outline" onClick={addDraft}>
          {t('components.people.add')}
        </Button>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {searching ? t('components.people.searching') : results ? (results.length > 0 ? t('components.people.found', { count: results.length }) : (searchFailure ?? t('components.people.none'))) : ''}
      </p>
      {results && (
        <ul className="person-picker__results" id={`${id}-results`} aria-label={t('components.people.results')}>
          {results.length === 0 && <li className="person-picker__none">{searchFailure ?? t('components.people.none')}</li>}
          {results.map((person) => {
            const chosen = value.includes(person.personId);
            return (
              <li key={person.personId}>
                <button type="button" className="person-picker__result" aria-pressed={chosen} disabled={chosen} onClick={() => pick(person)}>
                  <span className="person-picker__result-name">{person.name}</span>
                  <span className="person-picker__result-meta">{chosen ? t('components.people.isChosen') : describe(person)}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

interface PersonPickerProps {
  /** The id of the search box, for its label. */
  id: string;
  value: string[];
  onChange: (next: string[]) => void;
  max: number;
  choices: PersonRefDto[];
  required?: boolean;
  /** A message from the surrounding form (e.g. 请选择人员). */
  error?: string | undefined;
}

/** 选择人员 in an action dialog (转交, 加签, 抄送, the next approvers): the chooser with its label, help and message. */
export function PersonPicker({ id, value, onChange, max, choices, required = false, error }: PersonPickerProps) {
  const [problem, setProblem] = useState<string | null>(null);
  const shownError = problem ?? error;
  const errorId = shownError ? `${id}-error` : undefined;
  return (
    <div className={shownError ? 'form-field form-field--invalid' : 'form-field'}>
      <label className="form-field__label" htmlFor={id}>
        {required && (
          <span className="form-field__required" aria-hidden="true">
            *
          </span>
        )}
        {t('components.people.choose')}
        {max > 1 && <span className="person-picker__max">{t('components.people.upTo', { count: max })}</span>}
      </label>
      <PersonChooser id={id} value={value} onChange={onChange} max={max} choices={choices} invalid={Boolean(shownError)} describedBy={[`${id}-help`, errorId].filter(Boolean).join(' ')} onProblem={setProblem} />
      <p className="form-field__help" id={`${id}-help`}>
        {t(choices.length > 0 ? 'components.people.helpWithChoices' : 'components.people.help')}
      </p>
      {shownError && (
        <p className="form-field__error" id={errorId} role="alert">
          {shownError}
        </p>
      )}
    </div>
  );
}

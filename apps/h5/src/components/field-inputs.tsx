import { Fragment, useRef, type ReactNode } from 'react';
import { Input, TextArea, type InputRef, type TextAreaRef } from 'antd-mobile';
import { formatMoney, parseMoney, type FormField, type FormValue, type TableColumn } from '@onehall/forms';
import type { DraftValue } from '../lib/form-values.ts';
import { formatAmount } from '../lib/display-value.ts';
import { t } from '../i18n/translate.ts';
import { useNativeInputAria, type InputAria } from '../hooks/use-native-input-aria.ts';
import type { AriaProps } from './field-choices.tsx';

/**
 * The controls of typed fields: text of every kind (with the keypad that
 * suits it), an amount of money, the read-only computed value and the
 * description block.
 */

type Of<T extends string> = Extract<FormField | TableColumn, { type: T }>;

interface InputProps<F> {
  id: string;
  field: F;
  value: DraftValue | undefined;
  placeholder: string;
  aria: AriaProps;
  onChange: (value: DraftValue | undefined) => void;
}

/** The field's ARIA state as attribute text, for the <input> itself (antd-mobile would put it on a wrapper). */
const inputAria = (aria: AriaProps): InputAria => ({
  'aria-required': aria['aria-required'] ? 'true' : undefined,
  'aria-invalid': aria['aria-invalid'] ? 'true' : undefined,
  'aria-describedby': aria['aria-describedby'],
});

const textOf = (value: DraftValue | undefined) => (typeof value === 'string' ? value : '');
const orNothing = (text: string) => (text === '' ? undefined : text);

/** The keypad and autofill each kind of text asks the phone for. */
const inputKinds = {
  text: { type: 'text', inputMode: 'text', autoComplete: 'off' },
  number: { type: 'text', inputMode: 'decimal', autoComplete: 'off' },
  phone: { type: 'tel', inputMode: 'tel', autoComplete: 'tel' },
  email: { type: 'email', inputMode: 'email', autoComplete: 'email' },
  url: { type: 'url', inputMode: 'url', autoComplete: 'url' },
  idNumber: { type: 'text', inputMode: 'text', autoComplete: 'off' },
} as const;

export function TextControl({ id, field, value, placeholder, aria, onChange }: InputProps<Of<'text' | 'number' | 'phone' | 'email' | 'url' | 'idNumber'>>) {
  const kind = inputKinds[field.type];
  const maxLength = field.type === 'text' ? field.maxLength : field.type === 'phone' ? 11 : field.type === 'idNumber' ? 18 : undefined;
  const ref = useRef<InputRef>(null);
  useNativeInputAria(ref, inputAria(aria));
  return (
    <Input
      ref={ref}
      id={id}
      type={kind.type}
      inputMode={field.type === 'number' && field.integer ? 'numeric' : kind.inputMode}
      autoComplete={kind.autoComplete}
      value={textOf(value)}
      onChange={(text) => onChange(orNothing(text))}
      // An ID number's check character is stored upper case: show it so when the person leaves the field.
      onBlur={field.type === 'idNumber' ? () => typeof value === 'string' && value !== value.toUpperCase() && onChange(value.toUpperCase()) : undefined}
      placeholder={placeholder}
      maxLength={maxLength}
      clearable
    />
  );
}

export function TextAreaControl({ id, field, value, placeholder, aria, onChange }: InputProps<Of<'textarea'>>) {
  const ref = useRef<TextAreaRef>(null);
  useNativeInputAria(ref, inputAria(aria));
  return <TextArea ref={ref} id={id} value={textOf(value)} onChange={(text) => onChange(orNothing(text))} placeholder={placeholder} maxLength={field.maxLength} showCount autoSize={{ minRows: 3, maxRows: 8 }} />;
}

/**
 * An amount in yuan: the decimal keypad, a ¥ in front, and two decimals as
 * soon as the person leaves the field ("12.5" → "12.50"). What cannot be
 * read as an amount is left as typed, for the validator to point out.
 */
export function MoneyControl({ id, value, placeholder, aria, onChange }: InputProps<Of<'money'>>) {
  const text = textOf(value);
  const ref = useRef<InputRef>(null);
  useNativeInputAria(ref, inputAria(aria));
  return (
    <div className="money-input">
      <span className="money-input__symbol" aria-hidden="true">
        ¥
      </span>
      <Input
        ref={ref}
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={text}
        onChange={(next) => onChange(orNothing(next))}
        onBlur={() => {
          const parsed = parseMoney(text);
          if (parsed.ok && formatMoney(parsed.value) !== text) onChange(formatMoney(parsed.value));
        }}
        placeholder={placeholder}
        clearable
      />
    </div>
  );
}

/** A computed field: the package's value, again at every change, read-only. */
export function ComputedOutput({ id, labelId, field, value, aria }: { id: string; labelId: string; field: Of<'computed'>; value: FormValue | undefined; aria: AriaProps }) {
  const text = value === undefined ? '' : field.resultType === 'money' ? formatAmount(String(value)) : String(value);
  return (
    <output id={id} className={text ? 'computed-output' : 'computed-output computed-output--empty'} aria-labelledby={labelId} aria-live="polite" aria-describedby={aria['aria-describedby']}>
      {text || t('components.form.computedEmpty')}
    </output>
  );
}

/** **bold** inside a line of a description. */
function inline(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*)/g).map((part, index) => (part.startsWith('**') && part.endsWith('**') && part.length > 4 ? <strong key={index}>{part.slice(2, -2)}</strong> : <Fragment key={index}>{part}</Fragment>));
}

/** A description block: paragraphs, **bold**, and lists of lines starting with "- ". Text only: nothing in it is HTML. */
export function DescriptionBlock({ content }: { content: string }) {
  const blocks: ReactNode[] = [];
  let list: string[] = [];
  const flush = () => {
    if (list.length > 0) blocks.push(<ul key={`list-${blocks.length}`}>{list.map((item, index) => <li key={index}>{inline(item)}</li>)}</ul>);
    list = [];
  };
  for (const line of content.split('\n')) {
    const item = /^\s*[-*•]\s+(.*)$/.exec(line);
    if (item) {
      list.push(item[1]!);
      continue;
    }
    flush();
    if (line.trim()) blocks.push(<p key={`p-${blocks.length}`}>{inline(line)}</p>);
  }
  flush();
  return <div className="form-description">{blocks}</div>;
}

import { useState, type ReactNode } from 'react';
import { DatePicker, Input, Picker, Radio, Space, TextArea } from 'antd-mobile';
import type { FormField } from '@onehall/forms';

/** Form values while the person types: every value is text until `validateForm` converts it. */
export type DraftValues = Record<string, string>;

interface FormFieldControlProps {
  field: FormField;
  value: string;
  error: string | undefined;
  /** Today in Asia/Shanghai, 'YYYY-MM-DD': the meaning of a 'today' date bound. */
  today: string;
  onChange: (value: string) => void;
}

// Dates travel as 'YYYY-MM-DD'; the picker works on local Date objects, so
// convert by calendar fields and never through UTC.
function parseDay(text: string | undefined): Date | undefined {
  const match = text ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) : null;
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : undefined;
}

function formatDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function shiftYears(date: Date, years: number): Date {
  return new Date(date.getFullYear() + years, date.getMonth(), date.getDate());
}

const inputKinds = {
  text: { type: 'text', inputMode: 'text' },
  number: { type: 'text', inputMode: 'decimal' },
  phone: { type: 'tel', inputMode: 'tel' },
  email: { type: 'email', inputMode: 'email' },
  url: { type: 'url', inputMode: 'url' },
} as const;

/**
 * One field of a service's form, drawn from its definition: the label with
 * the required mark, the control for its type, the help text and the error.
 * The wrapper carries `data-field` so tests and error scrolling can find it.
 */
export function FormFieldControl({ field, value, error, today, onChange }: FormFieldControlProps) {
  const id = `field-${field.key}`;
  const helpId = field.help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;
  const aria = {
    'aria-required': field.required || undefined,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  } as const;
  const placeholder = field.placeholder ?? (field.type === 'select' || field.type === 'date' ? `请选择${field.label}` : `请输入${field.label}`);

  let control: ReactNode;
  switch (field.type) {
    case 'textarea':
      control = (
        <TextArea id={id} value={value} onChange={onChange} placeholder={placeholder} maxLength={field.maxLength} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
      );
      break;
    case 'date':
      control = <DateControl id={id} field={field} value={value} today={today} placeholder={placeholder} onChange={onChange} aria={aria} />;
      break;
    case 'select':
      control = <SelectControl id={id} field={field} value={value} placeholder={placeholder} onChange={onChange} aria={aria} />;
      break;
    case 'radio':
      control = (
        <div role="radiogroup" aria-labelledby={`${id}-label`} {...aria}>
          <Radio.Group value={value || null} onChange={(next) => onChange(String(next))}>
            <Space wrap className="form-field__radios">
              {field.options.map((option) => (
                <Radio key={option.value} value={option.value}>
                  {option.label}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </div>
      );
      break;
    default: {
      // Types without a control of their own yet are typed as text; validateForm still checks them.
      const kind = field.type in inputKinds ? inputKinds[field.type as keyof typeof inputKinds] : inputKinds.text;
      control = (
        <Input
          id={id}
          type={kind.type}
          inputMode={field.type === 'number' && field.integer ? 'numeric' : kind.inputMode}
          value={value}
          onChange={onChange}
          placeholder={placeholder}
          maxLength={field.type === 'text' ? field.maxLength : field.type === 'phone' ? 11 : undefined}
          autoComplete={field.type === 'phone' ? 'tel' : field.type === 'email' ? 'email' : 'off'}
          clearable
          {...aria}
        />
      );
    }
  }

  return (
    <div className={error ? 'form-field form-field--invalid' : 'form-field'} data-field={field.key}>
      <label className="form-field__label" id={`${id}-label`} htmlFor={field.type === 'radio' ? undefined : id}>
        {field.required && (
          <span className="form-field__required" aria-hidden="true">
            *
          </span>
        )}
        {field.label}
      </label>
      <div className="form-field__control">{control}</div>
      {field.help && (
        <p className="form-field__help" id={helpId}>
          {field.help}
        </p>
      )}
      {error && (
        <p className="form-field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

type AriaAttributes = { 'aria-required': true | undefined; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };

interface PickerControlProps<F extends FormField> {
  id: string;
  field: F;
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
  aria: AriaAttributes;
}

/** A button that shows the chosen value and opens a picker: the phone-friendly select. */
function PickerButton({ id, text, placeholder, onOpen, aria }: { id: string; text: string; placeholder: string; onOpen: () => void; aria: AriaAttributes }) {
  return (
    <button type="button" id={id} className={text ? 'picker-button' : 'picker-button picker-button--empty'} onClick={onOpen} aria-haspopup="dialog" {...aria}>
      {text || placeholder}
    </button>
  );
}

function DateControl({ id, field, value, today, placeholder, onChange, aria }: PickerControlProps<Extract<FormField, { type: 'date' }>> & { today: string }) {
  const [open, setOpen] = useState(false);
  const todayDate = parseDay(today) ?? new Date();
  const bound = (b: string | undefined) => parseDay(b === 'today' ? today : b);
  const min = bound(field.min) ?? shiftYears(todayDate, -10);
  const max = bound(field.max) ?? shiftYears(todayDate, 10);
  return (
    <>
      <PickerButton id={id} text={value} placeholder={placeholder} onOpen={() => setOpen(true)} aria={aria} />
      <DatePicker
        title={field.label}
        visible={open}
        onClose={() => setOpen(false)}
        value={parseDay(value) ?? null}
        min={min}
        max={max}
        precision="day"
        onConfirm={(date) => onChange(formatDay(date))}
      />
    </>
  );
}

function SelectControl({ id, field, value, placeholder, onChange, aria }: PickerControlProps<Extract<FormField, { type: 'select' }>>) {
  const [open, setOpen] = useState(false);
  const chosen = field.options.find((option) => option.value === value);
  return (
    <>
      <PickerButton id={id} text={chosen?.label ?? ''} placeholder={placeholder} onOpen={() => setOpen(true)} aria={aria} />
      <Picker
        title={field.label}
        columns={[field.options.map((option) => ({ label: option.label, value: option.value }))]}
        visible={open}
        onClose={() => setOpen(false)}
        value={chosen ? [chosen.value] : []}
        onConfirm={(picked) => onChange(picked[0] == null ? '' : String(picked[0]))}
      />
    </>
  );
}

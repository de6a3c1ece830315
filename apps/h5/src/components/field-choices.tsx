import { useState } from 'react';
import { Button } from 'antd-mobile';
import { DatePicker, Picker, Popup } from './overlays.tsx';
import { daysInclusive, isRealDate, type FormField, type TableColumn } from '@onehall/forms';
import type { DraftRange, DraftValue } from '../lib/form-values.ts';
import { t } from '../i18n/translate.ts';
import { joinList, labelOf } from '../lib/form-text.ts';

/**
 * The controls of fields chosen rather than typed: dates, times, a date
 * range with its days, a select, radio buttons, checkboxes, a multi-select
 * and a switch. Choices are native inputs (antd-mobile hides its radio and
 * checkbox inputs from screen readers); pickers open antd-mobile's wheels
 * from a button that says what is chosen.
 */

export type AriaProps = { 'aria-required'?: true | undefined; 'aria-invalid'?: true | undefined; 'aria-describedby'?: string | undefined };

export interface ChoiceProps<F> {
  id: string;
  /** The id of the field's label, for groups. */
  labelId: string;
  field: F;
  value: DraftValue | undefined;
  placeholder: string;
  today: string;
  aria: AriaProps;
  onChange: (value: DraftValue | undefined) => void;
}

type Of<T extends string> = Extract<FormField | TableColumn, { type: T }>;

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

const shiftYears = (date: Date, years: number) => new Date(date.getFullYear() + years, date.getMonth(), date.getDate());

/**
 * A button that shows the chosen value and opens a picker: the phone-friendly
 * select. A screen reader reads the field's label, then what is chosen
 * (`labelId`: the label's element; `label`: its words, for the two ends of a range).
 */
export function PickerButton({ id, text, placeholder, onOpen, aria, label, labelId }: { id: string; text: string; placeholder: string; onOpen: () => void; aria: AriaProps; label?: string; labelId?: string }) {
  const naming = label ? { 'aria-label': t('components.labelled', { label, value: text || placeholder }) } : labelId ? { 'aria-labelledby': `${labelId} ${id}` } : {};
  return (
    // aria-required is not allowed on a button: the label's required mark and the error say it.
    <button type="button" id={id} className={text ? 'picker-button' : 'picker-button picker-button--empty'} onClick={onOpen} aria-haspopup="dialog" {...naming} aria-invalid={aria['aria-invalid']} aria-describedby={aria['aria-describedby']}>
      {text || placeholder}
    </button>
  );
}

/** One date, from a wheel bounded by the field's min and max ('today' is the day of filling in). */
function DayPicker({ id, title, value, min, max, today, placeholder, aria, label, labelId, onChange }: { id: string; title: string; value: string; min?: string | undefined; max?: string | undefined; today: string; placeholder: string; aria: AriaProps; label?: string; labelId?: string; onChange: (day: string) => void }) {
  const [open, setOpen] = useState(false);
  const todayDate = parseDay(today) ?? new Date();
  const bound = (b: string | undefined) => parseDay(b === 'today' ? today : b);
  return (
    <>
      <PickerButton id={id} text={value} placeholder={placeholder} onOpen={() => setOpen(true)} aria={aria} {...(label ? { label } : {})} {...(labelId ? { labelId } : {})} />
      <DatePicker
        title={title}
        visible={open}
        onClose={() => setOpen(false)}
        value={parseDay(value) ?? null}
        min={bound(min) ?? shiftYears(todayDate, -10)}
        max={bound(max) ?? shiftYears(todayDate, 10)}
        precision="day"
        onConfirm={(date) => onChange(formatDay(date))}
      />
    </>
  );
}

export function DateControl({ id, labelId, field, value, today, placeholder, aria, onChange }: ChoiceProps<Of<'date'>>) {
  return <DayPicker id={id} labelId={labelId} title={labelOf(field)} value={typeof value === 'string' ? value : ''} min={field.min} max={field.max} today={today} placeholder={placeholder} aria={aria} onChange={onChange} />;
}

const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
const MINUTES = Array.from({ length: 60 }, (_, m) => String(m).padStart(2, '0'));

/** A time of day, 'HH:mm', from two wheels; the wheels start at the earliest allowed time. */
export function TimeControl({ id, labelId, field, value, placeholder, aria, onChange }: ChoiceProps<Of<'time'>>) {
  const [open, setOpen] = useState(false);
  const text = typeof value === 'string' ? value : '';
  const [hour, minute] = (/^\d{2}:\d{2}$/.test(text) ? text : (field.min ?? '08:00')).split(':');
  return (
    <>
      <PickerButton id={id} labelId={labelId} text={text} placeholder={placeholder} onOpen={() => setOpen(true)} aria={aria} />
      <Picker
        title={labelOf(field)}
        visible={open}
        onClose={() => setOpen(false)}
        columns={[HOURS.map((h) => ({ label: t('components.form.hour', { hour: h }), value: h })), MINUTES.map((m) => ({ label: t('components.form.minute', { minute: m }), value: m }))]}
        value={[hour!, minute!]}
        onConfirm={(picked) => onChange(`${String(picked[0] ?? hour)}:${String(picked[1] ?? minute)}`)}
      />
    </>
  );
}

/** Inclusive days of a range, as the package counts them; null until both ends are real and in order. */
function rangeDays(range: DraftRange): number | null {
  if (!isRealDate(range.start) || !isRealDate(range.end) || range.end < range.start) return null;
  return daysInclusive(range.start, range.end);
}

/** 开始日期 至 结束日期, and 共 N 天 as soon as both are chosen. */
export function DateRangeControl({ id, labelId, field, value, today, aria, onChange }: ChoiceProps<Of<'dateRange'>>) {
  const range: DraftRange = typeof value === 'object' && value !== null && !Array.isArray(value) && 'start' in value ? value : { start: '', end: '' };
  const days = rangeDays(range);
  const set = (part: Partial<DraftRange>) => onChange({ ...range, ...part });
  const [start, end] = [t('components.startDate'), t('components.endDate')];
  return (
    <div className="date-range" role="group" aria-labelledby={labelId} aria-invalid={aria["aria-invalid"]} aria-describedby={aria["aria-describedby"]}>
      <div className="date-range__ends">
        <DayPicker id={id} title={t('components.labelled', { label: labelOf(field), value: start })} label={start} value={range.start} min={field.min} max={field.max} today={today} placeholder={start} aria={{}} onChange={(start) => set({ start })} />
        <span className="date-range__to" aria-hidden="true">
          {t('components.dateTo')}
        </span>
        <DayPicker id={`${id}-end`} title={t('components.labelled', { label: labelOf(field), value: end })} label={end} value={range.end} min={range.start || field.min} max={field.max} today={today} placeholder={end} aria={{}} onChange={(end) => set({ end })} />
      </div>
      <output className="date-range__days" aria-live="polite" htmlFor={`${id} ${id}-end`}>
        {days !== null ? t(days === 1 ? 'components.form.rangeOneDay' : 'components.form.rangeDays', { days }) : ''}
      </output>
    </div>
  );
}

export function SelectControl({ id, labelId, field, value, placeholder, aria, onChange }: ChoiceProps<Of<'select'>>) {
  const [open, setOpen] = useState(false);
  const chosen = field.options.find((option) => option.value === value);
  return (
    <>
      <PickerButton id={id} labelId={labelId} text={chosen ? labelOf(chosen) : ''} placeholder={placeholder} onOpen={() => setOpen(true)} aria={aria} />
      <Picker
        title={labelOf(field)}
        columns={[field.options.map((option) => ({ label: labelOf(option), value: option.value }))]}
        visible={open}
        onClose={() => setOpen(false)}
        value={chosen ? [chosen.value] : []}
        onConfirm={(picked) => onChange(picked[0] == null ? undefined : String(picked[0]))}
      />
    </>
  );
}

/** Radio buttons or checkboxes as native inputs with their labels. */
function OptionList({ id, labelId, options, multiple, chosen, aria, onToggle }: { id: string; labelId: string; options: { value: string; label: string; labelEn?: string | undefined }[]; multiple: boolean; chosen: readonly string[]; aria: AriaProps; onToggle: (value: string) => void }) {
  return (
    <div role={multiple ? 'group' : 'radiogroup'} aria-labelledby={labelId} className="option-list" {...(multiple ? { 'aria-describedby': aria['aria-describedby'] } : aria)}>
      {options.map((option, index) => {
        const optionId = `${id}-${index}`;
        const checked = chosen.includes(option.value);
        return (
          <label key={option.value} htmlFor={optionId} className={checked ? 'option-list__item option-list__item--checked' : 'option-list__item'}>
            <input
              type={multiple ? 'checkbox' : 'radio'}
              id={optionId}
              name={id}
              value={option.value}
              checked={checked}
              onChange={() => onToggle(option.value)}
              className="option-list__input"
              {...(multiple ? { 'aria-invalid': aria['aria-invalid'] } : {})}
            />
            <span>{labelOf(option)}</span>
          </label>
        );
      })}
    </div>
  );
}

export function RadioControl({ id, labelId, field, value, aria, onChange }: ChoiceProps<Of<'radio'>>) {
  return <OptionList id={id} labelId={labelId} options={field.options} multiple={false} chosen={typeof value === 'string' ? [value] : []} aria={aria} onToggle={onChange} />;
}

const listOf = (value: DraftValue | undefined): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** Toggles a choice, keeping the options' order (the order the package stores). */
function toggled(options: { value: string }[], chosen: string[], value: string): string[] {
  const next = chosen.includes(value) ? chosen.filter((v) => v !== value) : [...chosen, value];
  return options.map((o) => o.value).filter((v) => next.includes(v));
}

export function CheckboxControl({ id, labelId, field, value, aria, onChange }: ChoiceProps<Of<'checkbox'>>) {
  const chosen = listOf(value);
  return <OptionList id={id} labelId={labelId} options={field.options} multiple chosen={chosen} aria={aria} onToggle={(v) => onChange(toggled(field.options, chosen, v))} />;
}

/** Several options from a sheet: the button lists what is chosen. */
export function MultiSelectControl({ id, labelId, field, value, placeholder, aria, onChange }: ChoiceProps<Of<'multiSelect'>>) {
  const [open, setOpen] = useState(false);
  const chosen = listOf(value);
  const [picking, setPicking] = useState<string[]>(chosen);
  const text = joinList(field.options.filter((o) => chosen.includes(o.value)).map(labelOf));
  return (
    <>
      <PickerButton
        id={id}
        labelId={labelId}
        text={text}
        placeholder={placeholder}
        aria={aria}
        onOpen={() => {
          setPicking(chosen);
          setOpen(true);
        }}
      />
      <Popup visible={open} onMaskClick={() => setOpen(false)} onClose={() => setOpen(false)} bodyClassName="choice-sheet" destroyOnClose>
        <div role="dialog" aria-labelledby={`${id}-sheet-title`} className="choice-sheet__body">
          <div className="choice-sheet__header">
            <Button fill="none" size="small" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <span className="choice-sheet__title" id={`${id}-sheet-title`}>
              {labelOf(field)}
              {field.maxItems ? t('components.upToItems', { count: field.maxItems }) : ''}
            </span>
            <Button
              fill="none"
              size="small"
              color="primary"
              onClick={() => {
                onChange(picking.length > 0 ? picking : undefined);
                setOpen(false);
              }}
            >
              {t('common.confirm')}
            </Button>
          </div>
          <OptionList id={`${id}-sheet`} labelId={`${id}-sheet-title`} options={field.options} multiple chosen={picking} aria={{}} onToggle={(v) => setPicking((list) => toggled(field.options, list, v))} />
        </div>
      </Popup>
    </>
  );
}

/** 是 / 否: a switch the screen reader names by the field's label. */
export function SwitchControl({ id, labelId, value, aria, onChange }: ChoiceProps<Of<'switch'>>) {
  const on = value === true;
  return (
    <button type="button" role="switch" id={id} aria-checked={on} aria-labelledby={labelId} className={on ? 'hall-switch hall-switch--on' : 'hall-switch'} onClick={() => onChange(!on)} aria-invalid={aria['aria-invalid']} aria-describedby={aria['aria-describedby']}>
      <span className="hall-switch__track" aria-hidden="true">
        <span className="hall-switch__thumb" />
      </span>
      <span className="hall-switch__text">{t(on ? 'components.yes' : 'components.no')}</span>
    </button>
  );
}

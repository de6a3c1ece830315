import type { FormField, TableColumn } from '@onehall/forms';
import type { DraftValue } from '../lib/form-values.ts';
import { DateControl, RadioControl, SelectControl, SwitchControl, TimeControl, type AriaProps } from './field-choices.tsx';
import { MoneyControl, TextAreaControl, TextControl } from './field-inputs.tsx';
import { language } from '../i18n/language.ts';
import { t } from '../i18n/translate.ts';
import { inSentence, labelOf } from '../lib/form-text.ts';

/** The types a detail table's columns may have: the same control draws them in a cell and as a field. */
export type SimpleField = Extract<FormField, { type: TableColumn['type'] }> | TableColumn;

const simpleTypes: ReadonlySet<string> = new Set(['text', 'textarea', 'number', 'money', 'date', 'time', 'select', 'radio', 'switch', 'phone', 'email', 'url', 'idNumber'] satisfies TableColumn['type'][]);

export function isSimpleField(field: FormField): field is Extract<FormField, { type: TableColumn['type'] }> {
  return simpleTypes.has(field.type);
}

/** Whether the control is one labelable element (label htmlFor points at it), or a group named by aria-labelledby. */
export function isLabelable(type: string): boolean {
  return type !== 'radio' && type !== 'checkbox' && type !== 'dateRange' && type !== 'switch' && type !== 'table' && type !== 'computed' && type !== 'description';
}

/**
 * What the empty control says: 请选择 for choices, 请输入 for typing. A form's
 * own placeholder is Chinese (the form has no English one): in English the
 * hall's words are used instead.
 */
export function placeholderOf(field: SimpleField | FormField): string {
  if (language === 'zh' && 'placeholder' in field && field.placeholder) return field.placeholder;
  const chooses = field.type === 'select' || field.type === 'date' || field.type === 'time' || field.type === 'multiSelect' || field.type === 'department';
  return t(chooses ? 'components.form.choose' : 'components.form.enter', { label: inSentence(labelOf(field)) });
}

export interface SimpleControlProps {
  id: string;
  labelId: string;
  field: SimpleField;
  value: DraftValue | undefined;
  today: string;
  aria: AriaProps;
  onChange: (value: DraftValue | undefined) => void;
}

/** The control of a simple field or table cell. */
export function SimpleControl(props: SimpleControlProps) {
  const { field } = props;
  const common = { id: props.id, value: props.value, placeholder: placeholderOf(field), aria: props.aria, onChange: props.onChange };
  const choice = { ...common, labelId: props.labelId, today: props.today };
  switch (field.type) {
    case 'textarea':
      return <TextAreaControl {...common} field={field} />;
    case 'money':
      return <MoneyControl {...common} field={field} />;
    case 'date':
      return <DateControl {...choice} field={field} />;
    case 'time':
      return <TimeControl {...choice} field={field} />;
    case 'select':
      return <SelectControl {...choice} field={field} />;
    case 'radio':
      return <RadioControl {...choice} field={field} />;
    case 'switch':
      return <SwitchControl {...choice} field={field} />;
    default:
      return <TextControl {...common} field={field} />;
  }
}

import type { FormField } from '@onehall/forms';
import type { DraftValue } from '../lib/form-values.ts';
import { PersonChooser } from './person-picker.tsx';

type PersonFieldDef = Extract<FormField, { type: 'person' }>;

interface PersonFieldProps {
  id: string;
  field: PersonFieldDef;
  value: DraftValue | undefined;
  invalid: boolean;
  describedBy: string | undefined;
  onChange: (value: DraftValue | undefined) => void;
  onProblem: (message: string | null) => void;
}

/**
 * A person field: the hall's person chooser (search by name, pinyin or
 * number), holding one id, or a list of ids when the field is `multiple`.
 */
export function PersonField({ id, field, value, invalid, describedBy, onChange, onProblem }: PersonFieldProps) {
  const ids = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' && value ? [value] : [];
  return (
    <PersonChooser
      id={id}
      value={ids}
      max={field.multiple ? field.maxItems : 1}
      resolveNames
      invalid={invalid}
      describedBy={describedBy}
      onProblem={onProblem}
      onChange={(next) => onChange(next.length === 0 ? undefined : field.multiple ? next : next[0])}
    />
  );
}

import { useState, type ReactNode } from 'react';
import type { FormField, FormValue } from '@onehall/forms';
import type { DraftValue, DraftValues } from '../lib/form-values.ts';
import { t } from '../i18n/translate.ts';
import { labelOf } from '../lib/form-text.ts';
import { CheckboxControl, DateRangeControl, MultiSelectControl } from './field-choices.tsx';
import { ComputedOutput, DescriptionBlock } from './field-inputs.tsx';
import { DepartmentPicker, FileField, PersonField, SignatureField, TableField } from './lazy-field-controls.tsx';
import { SimpleControl, isLabelable, isSimpleField, placeholderOf } from './simple-control.tsx';
import '../styles/form-fields.css';

/** Form values while the person fills them in (see lib/form-values.ts). */
export type { DraftValue, DraftValues };

interface FormFieldControlProps {
  field: FormField;
  value: DraftValue | undefined;
  error: string | undefined;
  /** Required now (the field's `required`, or its `requiredWhen` holds); defaults to `required`. */
  required?: boolean;
  /** Today in Asia/Shanghai, 'YYYY-MM-DD': the meaning of a 'today' date bound. */
  today: string;
  /** A computed field's value, as the package computed it from the others. */
  computed?: FormValue | undefined;
  /** Errors of a detail table's cells, by `${key}.${row}.${column}`. */
  cellErrors?: Record<string, string>;
  onChange: (value: DraftValue | undefined) => void;
}

/**
 * One field of a service's form, drawn from its definition: the label with
 * the required mark, the control for its type, the help text and the error
 * (tied to the control by aria-describedby). The wrapper carries
 * `data-field` so tests and error scrolling can find it.
 */
export function FormFieldControl({ field, value, error, required = 'required' in field && field.required === true, today, computed, cellErrors = {}, onChange }: FormFieldControlProps) {
  // A person field's own complaint (a malformed id, too many people) shows where the form's errors do.
  const [problem, setProblem] = useState<string | null>(null);
  const shownError = problem ?? error;
  const id = `field-${field.key}`;
  const labelId = `${id}-label`;
  const helpId = field.help ? `${id}-help` : undefined;
  const errorId = shownError ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;
  const aria = { 'aria-required': required || undefined, 'aria-invalid': shownError ? true : undefined, 'aria-describedby': describedBy } as const;

  if (field.type === 'description') {
    return (
      <section className="form-field form-field--description" data-field={field.key} aria-labelledby={labelId}>
        <h3 className="form-field__label" id={labelId}>
          {labelOf(field)}
        </h3>
        <DescriptionBlock content={field.content} />
      </section>
    );
  }

  // A group (radio buttons, a date range, a table…) is named by aria-labelledby; a single control by <label for>.
  const Label = isLabelable(field.type) ? 'label' : 'span';
  let control: ReactNode;
  if (isSimpleField(field)) {
    control = <SimpleControl id={id} labelId={labelId} field={field} value={value} today={today} aria={aria} onChange={onChange} />;
  } else {
    switch (field.type) {
      case 'dateRange':
        control = <DateRangeControl id={id} labelId={labelId} field={field} value={value} placeholder="" today={today} aria={aria} onChange={onChange} />;
        break;
      case 'multiSelect':
        control = <MultiSelectControl id={id} labelId={labelId} field={field} value={value} placeholder={placeholderOf(field)} today={today} aria={aria} onChange={onChange} />;
        break;
      case 'checkbox':
        control = <CheckboxControl id={id} labelId={labelId} field={field} value={value} placeholder="" today={today} aria={aria} onChange={onChange} />;
        break;
      case 'person':
        control = <PersonField id={id} field={field} value={value} invalid={Boolean(shownError)} describedBy={describedBy} onChange={onChange} onProblem={setProblem} />;
        break;
      case 'department':
        control = <DepartmentPicker id={id} labelId={labelId} field={field} value={value} placeholder={placeholderOf(field)} aria={aria} onChange={onChange} />;
        break;
      case 'attachment':
      case 'image':
        control = <FileField id={id} field={field} value={value} describedBy={describedBy} onChange={onChange} />;
        break;
      case 'signature':
        control = <SignatureField id={id} field={field} value={value} describedBy={describedBy} invalid={Boolean(shownError)} onChange={onChange} />;
        break;
      case 'table':
        control = <TableField id={id} labelId={labelId} field={field} value={value} today={today} cellErrors={cellErrors} describedBy={describedBy} onChange={onChange} />;
        break;
      case 'computed':
        control = <ComputedOutput id={id} labelId={labelId} field={field} value={computed} aria={aria} />;
        break;
    }
  }

  return (
    <div className={shownError ? 'form-field form-field--invalid' : 'form-field'} data-field={field.key}>
      <Label className="form-field__label" id={labelId} {...(Label === 'label' ? { htmlFor: id } : {})}>
        {required && (
          <span className="form-field__required" aria-hidden="true">
            *
          </span>
        )}
        {labelOf(field)}
        {field.type === 'computed' && <span className="form-field__auto">{t('components.form.computed')}</span>}
      </Label>
      <div className="form-field__control">{control}</div>
      {field.help && (
        <p className="form-field__help" id={helpId}>
          {field.help}
        </p>
      )}
      {shownError && (
        <p className="form-field__error" id={errorId} role="alert">
          {shownError}
        </p>
      )}
    </div>
  );
}

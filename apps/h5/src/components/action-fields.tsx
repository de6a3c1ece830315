import type { PersonRefDto } from '@onehall/contracts';
import type { FormField } from '@onehall/forms';
import { signerPositionText, type SendBackOption, type SignerPosition } from '../lib/application-actions.ts';
import { FormFieldControl, type DraftValue, type DraftValues } from './form-field-control.tsx';
import { PersonPicker } from './person-picker.tsx';
import { t } from '../i18n/translate.ts';

/**
 * The parts of an action dialog besides the opinion: where to send back,
 * how to add a signer, whom to remove, the fields this step fills in and the
 * next step's approvers. Each is a labelled control; state lives in the dialog.
 */

interface ChoiceGroupProps<V extends string> {
  id: string;
  label: string;
  options: { value: V; label: string; help?: string }[];
  value: V | null;
  onChange: (value: V) => void;
  error?: string | undefined;
}

/**
 * A required single choice, as native radio buttons under a label (antd-mobile's
 * Radio hides its input with display:none, out of reach of screen readers).
 */
export function ChoiceGroup<V extends string>({ id, label, options, value, onChange, error }: ChoiceGroupProps<V>) {
  return (
    <div className={error ? 'form-field form-field--invalid' : 'form-field'}>
      <span className="form-field__label" id={`${id}-label`}>
        <span className="form-field__required" aria-hidden="true">
          *
        </span>
        {label}
      </span>
      <div role="radiogroup" aria-labelledby={`${id}-label`} aria-required="true" className="choice-group">
        {options.map((option, index) => {
          const optionId = `${id}-${index}`;
          return (
            <div key={option.value} className={value === option.value ? 'choice choice--checked' : 'choice'}>
              <input
                type="radio"
                className="choice__input"
                id={optionId}
                name={id}
                value={option.value}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
                aria-describedby={option.help ? `${optionId}-help` : undefined}
              />
              <div className="choice__text">
                <label className="choice__label" htmlFor={optionId}>
                  {option.label}
                </label>
                {option.help && (
                  <span className="choice__help" id={`${optionId}-help`}>
                    {option.help}
                  </span>
                )}
              </div>
            </div>
          );
        })}
      </div>
      {error && (
        <p className="form-field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function SendBackTargetField({ options, value, onChange, error }: { options: SendBackOption[]; value: string | null; onChange: (key: string) => void; error?: string | undefined }) {
  return <ChoiceGroup id="send-back-target" label={t('components.dialog.sendBackTo')} options={options.map((option) => ({ value: option.key, label: option.label }))} value={value} onChange={onChange} error={error} />;
}

export function SignerPositionField({ value, onChange }: { value: SignerPosition; onChange: (position: SignerPosition) => void }) {
  const options = (['before', 'after', 'parallel'] as const).map((position) => ({ value: position, ...signerPositionText(position) }));
  return <ChoiceGroup id="signer-position" label={t('components.dialog.signerPosition')} options={options} value={value} onChange={onChange} />;
}

export function RemovableField({ people, value, onChange, error }: { people: PersonRefDto[]; value: string | null; onChange: (personId: string) => void; error?: string | undefined }) {
  const options = people.map((person) => ({ value: person.personId, label: person.departmentName ? t('components.withDepartment', { name: person.name, department: person.departmentName }) : person.name }));
  return <ChoiceGroup id="remove-signer" label={t('components.dialog.removeWho')} options={options} value={value} onChange={onChange} error={error} />;
}

interface WritableFieldsProps {
  fields: FormField[];
  values: DraftValues;
  /** Messages by `field:<key>`. */
  errors: Record<string, string>;
  today: string;
  onChange: (key: string, value: DraftValue | undefined) => void;
}

/** The form fields this step fills in or corrects, saved with 同意. */
export function WritableFields({ fields, values, errors, today, onChange }: WritableFieldsProps) {
  if (fields.length === 0) return null;
  return (
    <fieldset className="action-fieldset">
      <legend className="action-fieldset__legend">{t('components.dialog.stepFields')}</legend>
      {fields.map((field) => (
        <FormFieldControl key={field.key} field={field} value={values[field.key]} error={errors[`field:${field.key}`]} today={today} onChange={(value) => onChange(field.key, value)} />
      ))}
    </fieldset>
  );
}

interface ChooseNextProps {
  steps: { nodeId: string; name: string; max: number }[];
  chosen: Record<string, string[]>;
  errors: Record<string, string>;
  people: PersonRefDto[];
  onChange: (nodeId: string, people: string[]) => void;
}

/** The approvers of the next steps, chosen by this approver. */
export function ChooseNextFields({ steps, chosen, errors, people, onChange }: ChooseNextProps) {
  return (
    <>
      {steps.map((step) => (
        <fieldset className="action-fieldset" key={step.nodeId} data-next={step.nodeId}>
          <legend className="action-fieldset__legend">{t('components.dialog.nextApprovers', { step: step.name })}</legend>
          <PersonPicker
            id={`choose-${step.nodeId}`}
            value={chosen[step.nodeId] ?? []}
            onChange={(next) => onChange(step.nodeId, next)}
            max={step.max}
            choices={people}
            required
            error={errors[`choose:${step.nodeId}`]}
          />
        </fieldset>
      ))}
    </>
  );
}

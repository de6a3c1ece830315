import { useEffect, useRef, useState } from 'react';
import { Button, Popup, TextArea } from 'antd-mobile';
import type { ApplicationDetailDto, PersonRefDto } from '@onehall/contracts';
import { errorMessage, limits } from '@onehall/contracts/plain';
import { todayInShanghai, validateForm, type FormValues } from '@onehall/forms';
import { buttonText, sendBackOptions, type ActionRequest, type DialogAction, type SignerPosition } from '../lib/application-actions.ts';
import { ChooseNextFields, RemovableField, SendBackTargetField, SignerPositionField, WritableFields } from './action-fields.tsx';
import type { DraftValue, DraftValues } from './form-field-control.tsx';
import { toDraftValues } from '../lib/form-values.ts';
import { PersonPicker } from './person-picker.tsx';
import { language } from '../i18n/language.ts';
import { t } from '../i18n/translate.ts';
import type { MessageKey } from '../i18n/zh.ts';
import { formLocale, inSentence } from '../lib/form-text.ts';

interface ActionPopupProps {
  /** The action being asked for, or null when the popup is closed. */
  action: DialogAction | null;
  application: ApplicationDetailDto;
  /** People offered with one tap in the people pickers. */
  people: PersonRefDto[];
  submitting: boolean;
  /** Why the last attempt failed (the server's message), shown in the dialog. */
  failure: string | null;
  onClose: () => void;
  onConfirm: (request: ActionRequest) => void;
}

/** What the opinion box is called for each action; the timeline uses the same words. */
const opinionLabels: Partial<Record<DialogAction, MessageKey>> = { comment: 'components.dialog.commentText', cc: 'components.dialog.ccNote', withdraw: 'components.dialog.withdrawReason' };

/**
 * Asks for what an action needs — the opinion, and per action the people,
 * the send-back target, the signer position, the fields of this step or the
 * next step's approvers — checks it in the browser and hands it on.
 */
export function ActionPopup({ action, application, people, submitting, failure, onClose, onConfirm }: ActionPopupProps) {
  const task = application.myTask;
  const [opinion, setOpinion] = useState('');
  const [chosenPeople, setChosenPeople] = useState<string[]>([]);
  const [position, setPosition] = useState<SignerPosition>('before');
  const [choice, setChoice] = useState<string | null>(null);
  const [fields, setFields] = useState<DraftValues>({});
  const [chosenNext, setChosenNext] = useState<Record<string, string[]>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});

  const writable = action === 'approve' && task ? application.form.fields.filter((field) => task.writableFields.includes(field.key)) : [];
  const chooseNext = action === 'approve' && task ? task.chooseNext : [];
  const targets = action === 'sendBack' && task ? sendBackOptions(task) : [];

  // Each opening starts afresh; writable fields start from the current values.
  useEffect(() => {
    if (!action) return;
    setOpinion('');
    setChosenPeople([]);
    setPosition('before');
    setChoice(action === 'sendBack' ? (targets[0]?.key ?? null) : null);
    setFields(toDraftValues(application.data, { fields: writable }));
    setChosenNext({});
    setErrors({});
    // Only a new opening resets; the lists derive from the same application.
  }, [action]);

  const opinionRequired =
    action === 'sendBack' || action === 'comment' || (action === 'reject' && (task?.opinionRequired.reject ?? true)) || (action === 'approve' && (task?.kind === 'delegate' || (task?.kind === 'approve' && task.opinionRequired.approve)));
  const labelKey = action === 'approve' && task?.kind === 'delegate' ? 'components.action.reply' : ((action && opinionLabels[action]) ?? 'components.dialog.opinion');
  const label = t(labelKey);

  function clearError(key: string) {
    if (errors[key]) setErrors(({ [key]: _cleared, ...rest }) => rest);
  }

  function pick(value: string) {
    setChoice(value);
    clearError('choice');
  }

  function changeField(key: string, value: DraftValue | undefined) {
    setFields(({ [key]: _old, ...rest }) => (value === undefined ? rest : { ...rest, [key]: value }));
    clearError(`field:${key}`);
  }

  function chooseNextPeople(nodeId: string, next: string[]) {
    setChosenNext((previous) => ({ ...previous, [nodeId]: next }));
    clearError(`choose:${nodeId}`);
  }

  /** Checks the dialog and builds the request, or shows what is missing. */
  function buildRequest(kind: DialogAction): ActionRequest | null {
    const text = opinion.trim();
    const found: Record<string, string> = {};
    if (opinionRequired && !text) found.opinion = kind === 'comment' ? t('components.dialog.commentRequired') : errorMessage('OPINION_REQUIRED', language);
    const needsPeople = kind === 'transfer' || kind === 'delegate' || kind === 'addSigner' || kind === 'cc';
    if (needsPeople && chosenPeople.length === 0) found.people = t('components.dialog.peopleRequired');
    if ((kind === 'sendBack' || kind === 'removeSigner') && !choice) found.choice = t(kind === 'sendBack' ? 'components.dialog.targetRequired' : 'components.dialog.removeRequired');
    let values: FormValues | undefined;
    if (writable.length > 0) {
      // The step's fields in the validator's writable mode: the others are read as stored, for conditions and formulas.
      const checked = validateForm(application.form, fields, { today: todayInShanghai(), locale: formLocale, writable: writable.map((field) => field.key), current: application.data });
      if (checked.ok) values = checked.values;
      else for (const error of checked.errors) found[`field:${error.key}`] ??= error.message;
    }
    for (const step of chooseNext) if (!chosenNext[step.nodeId]?.length) found[`choose:${step.nodeId}`] = t('components.dialog.nextRequired', { step: step.name });
    setErrors(found);
    if (Object.keys(found).length > 0) return null;

    switch (kind) {
      case 'approve':
        return { kind, opinion: text, ...(values ? { fields: values } : {}), ...(chooseNext.length > 0 ? { chosen: chosenNext } : {}) };
      case 'sendBack': {
        const target = targets.find((option) => option.key === choice);
        return target ? { kind, opinion: text, target: target.target } : null;
      }
      case 'transfer':
      case 'delegate':
        return { kind, opinion: text, to: chosenPeople[0]! };
      case 'addSigner':
        return { kind, opinion: text, people: chosenPeople, position };
      case 'removeSigner':
        return { kind, opinion: text, person: choice! };
      case 'cc':
        return { kind, opinion: text, people: chosenPeople };
      default:
        return { kind, opinion: text };
    }
  }

  function confirm() {
    if (submitting || !action) return;
    const request = buildRequest(action);
    if (request) onConfirm(request);
  }

  // While the popup slides away it keeps showing the action it was opened for.
  const lastAction = useRef<DialogAction>('approve');
  if (action) lastAction.current = action;
  const shown = action ?? lastAction.current;
  const title = shown === 'withdraw' ? t('components.dialog.withdrawTitle') : buttonText(shown, task);
  const isDanger = shown === 'reject' || shown === 'withdraw';
  return (
    <Popup visible={action !== null} onMaskClick={submitting ? undefined : onClose} onClose={onClose} bodyClassName="decision-popup" destroyOnClose>
      <div role="dialog" aria-labelledby="decision-title" className="decision-popup__body" data-action={shown}>
        <h2 className="decision-popup__title" id="decision-title">
          {title}
        </h2>
        {shown === 'withdraw' && <p className="decision-popup__note">{t('components.dialog.withdrawNote')}</p>}
        {shown === 'sendBack' && <SendBackTargetField options={targets} value={choice} onChange={pick} error={errors.choice} />}
        {shown === 'removeSigner' && task && <RemovableField people={task.removable} value={choice} onChange={pick} error={errors.choice} />}
        {shown === 'addSigner' && <SignerPositionField value={position} onChange={setPosition} />}
        {(shown === 'transfer' || shown === 'delegate' || shown === 'addSigner' || shown === 'cc') && (
          <PersonPicker
            id="action-people"
            value={chosenPeople}
            onChange={(next) => {
              setChosenPeople(next);
              clearError('people');
            }}
            max={shown === 'addSigner' ? 10 : shown === 'cc' ? 20 : 1}
            choices={people}
            required
            error={errors.people}
          />
        )}
        <WritableFields fields={writable} values={fields} errors={errors} today={todayInShanghai()} onChange={changeField} />
        <ChooseNextFields steps={chooseNext} chosen={chosenNext} errors={errors} people={people} onChange={chooseNextPeople} />
        <div className={errors.opinion ? 'form-field form-field--invalid' : 'form-field'}>
          <label className="form-field__label" htmlFor="decision-opinion">
            {opinionRequired && (
              <span className="form-field__required" aria-hidden="true">
                *
              </span>
            )}
            {label}
          </label>
          <div className="form-field__control">
            <TextArea
              id="decision-opinion"
              placeholder={t('components.form.enter', { label: inSentence(label) })}
              value={opinion}
              onChange={(value) => {
                setOpinion(value);
                clearError('opinion');
              }}
              maxLength={limits.opinionMaxLength}
              showCount
              autoSize={{ minRows: 3, maxRows: 6 }}
            />
          </div>
          {errors.opinion && (
            <p className="form-field__error" role="alert">
              {errors.opinion}
            </p>
          )}
        </div>
        {failure && (
          <p className="form-error" role="alert">
            {failure}
          </p>
        )}
        <div className="decision-popup__actions">
          <Button block onClick={onClose} disabled={submitting}>
            {t('common.cancel')}
          </Button>
          <Button block color={isDanger ? 'danger' : 'primary'} loading={submitting} onClick={confirm}>
            {t(shown === 'withdraw' ? 'components.dialog.confirmWithdraw' : 'components.dialog.confirm')}
          </Button>
        </div>
      </div>
    </Popup>
  );
}

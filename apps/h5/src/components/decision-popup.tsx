import { useEffect, useState } from 'react';
import { Button, Popup, TextArea } from 'antd-mobile';
import { errorMessage, limits } from '@onehall/contracts';

export type Decision = 'approve' | 'reject';

export const decisionText: Record<Decision, string> = { approve: '同意', reject: '驳回' };

interface DecisionPopupProps {
  /** The decision being made, or null when the popup is closed. */
  decision: Decision | null;
  submitting: boolean;
  onClose: () => void;
  onConfirm: (opinion: string) => void;
}

/** Asks for the 审批意见 before 同意 or 驳回; a rejection must say why. */
export function DecisionPopup({ decision, submitting, onClose, onConfirm }: DecisionPopupProps) {
  const [opinion, setOpinion] = useState('');
  const [error, setError] = useState<string | null>(null);

  // Each opening starts with an empty opinion.
  useEffect(() => {
    if (decision) {
      setOpinion('');
      setError(null);
    }
  }, [decision]);

  function confirm() {
    if (submitting || !decision) return;
    const text = opinion.trim();
    if (decision === 'reject' && !text) {
      setError(errorMessage('OPINION_REQUIRED'));
      return;
    }
    onConfirm(text);
  }

  const shown = decision ?? 'approve';
  return (
    <Popup visible={decision !== null} onMaskClick={submitting ? undefined : onClose} onClose={onClose} bodyClassName="decision-popup" destroyOnClose>
      <div role="dialog" aria-labelledby="decision-title" className="decision-popup__body">
        <h2 className="decision-popup__title" id="decision-title">
          {decisionText[shown]}
        </h2>
        <div className={error ? 'form-field form-field--invalid' : 'form-field'}>
          <label className="form-field__label" htmlFor="decision-opinion">
            {shown === 'reject' && (
              <span className="form-field__required" aria-hidden="true">
                *
              </span>
            )}
            审批意见
          </label>
          <div className="form-field__control">
            <TextArea
              id="decision-opinion"
              placeholder="请输入审批意见"
              value={opinion}
              onChange={(value) => {
                setOpinion(value);
                if (error) setError(null);
              }}
              maxLength={limits.opinionMaxLength}
              showCount
              autoSize={{ minRows: 3, maxRows: 6 }}
            />
          </div>
          {error && (
            <p className="form-field__error" role="alert">
              {error}
            </p>
          )}
        </div>
        <div className="decision-popup__actions">
          <Button block onClick={onClose} disabled={submitting}>
            取消
          </Button>
          <Button block color={shown === 'reject' ? 'danger' : 'primary'} loading={submitting} onClick={confirm}>
            确认
          </Button>
        </div>
      </div>
    </Popup>
  );
}

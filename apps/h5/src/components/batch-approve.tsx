import '../styles/lists.css';
import { useState } from 'react';
import { Button, TextArea } from 'antd-mobile';
import { Popup } from './overlays.tsx';
import { CheckCircleFill, CloseCircleFill } from 'antd-mobile-icons';
import type { BatchApproveDto, ReceivedTaskDto } from '@onehall/contracts';
import { errorMessage, limits } from '@onehall/contracts/plain';
import { describeError, isRedirected } from '../api/api-client.ts';
import { hallApi } from '../api/hall-api.ts';
import { language } from '../i18n/language.ts';
import { t } from '../i18n/translate.ts';

/**
 * Why a todo cannot join the batch being chosen, or undefined when it can:
 * the server decides which tasks need nothing but a yes (canBatchApprove),
 * and one batch holds one service's tasks.
 */
export function batchRefusal(task: ReceivedTaskDto, chosen: readonly ReceivedTaskDto[]): string | undefined {
  if (!task.canBatchApprove) return t('components.batch.cannotJoin');
  const service = chosen[0]?.application.serviceCode;
  if (service !== undefined && task.application.serviceCode !== service) return t('components.batch.otherService');
  return undefined;
}

interface BatchApproveBarProps {
  chosen: ReceivedTaskDto[];
  onCancel: () => void;
  /** The batch was sent and its results read: the list and the counts are stale. */
  onDone: () => void;
}

/**
 * 批量同意: the bar under the todo list while choosing, the one opinion for
 * all, and the result of each task (one transaction each on the server, so
 * some may succeed while others were handled meanwhile).
 */
export function BatchApproveBar({ chosen, onCancel, onDone }: BatchApproveBarProps) {
  const [asking, setAsking] = useState(false);
  const [opinion, setOpinion] = useState('');
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [results, setResults] = useState<BatchApproveDto['results'] | null>(null);

  async function send() {
    setSending(true);
    setFailure(null);
    try {
      const answer = await hallApi.batchApprove({ taskIds: chosen.map((task) => task.taskId), opinion: opinion.trim() });
      setAsking(false);
      setResults(answer.results);
    } catch (error) {
      if (!isRedirected(error)) setFailure(describeError(error));
    } finally {
      setSending(false);
    }
  }

  const titleOf = (taskId: string) => {
    const task = chosen.find((candidate) => candidate.taskId === taskId);
    return task ? t('components.withSerial', { title: task.application.title, serialNo: task.application.serialNo }) : taskId;
  };
  const succeeded = results?.filter((result) => result.ok).length ?? 0;
  // Why one failed: the server's words in Chinese, its code's in English (as the API client does).
  const failureOf = (result: BatchApproveDto['results'][number]) =>
    language === 'zh' && result.message ? result.message : result.code ? errorMessage(result.code, language) : t('components.batch.notHandled');

  return (
    <>
      <div className="batch-bar" role="group" aria-label={t('components.batch.bar')}>
        <span className="batch-bar__count">{t('components.batch.chosen', { count: chosen.length })}</span>
        <Button className="batch-bar__button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button className="batch-bar__button" color="primary" disabled={chosen.length === 0} onClick={() => setAsking(true)}>
          {t('components.batch.approve')}
        </Button>
      </div>

      <Popup visible={asking} onMaskClick={() => !sending && setAsking(false)} bodyClassName="sheet batch-sheet" destroyOnClose>
        <div role="dialog" aria-labelledby="batch-sheet-title">
          <h2 className="batch-sheet__title" id="batch-sheet-title">
            {t('components.batch.approveCount', { count: chosen.length })}
          </h2>
          <label className="batch-sheet__label" htmlFor="batch-opinion">
            {t('components.batch.opinion')}
            <span className="muted">{t('components.batch.opinionNote', { service: chosen[0]?.application.serviceName ?? '' })}</span>
          </label>
          <TextArea id="batch-opinion" placeholder={t('components.batch.opinionPlaceholder')} value={opinion} onChange={setOpinion} maxLength={limits.opinionMaxLength} showCount rows={3} />
          {failure && (
            <p className="form-error" role="alert">
              {failure}
            </p>
          )}
          <div className="batch-sheet__actions">
            <Button block disabled={sending} onClick={() => setAsking(false)}>
              {t('common.cancel')}
            </Button>
            <Button block color="primary" loading={sending} onClick={() => void send()}>
              {t('components.batch.confirm')}
            </Button>
          </div>
        </div>
      </Popup>

      <Popup visible={results !== null} bodyClassName="sheet batch-sheet" destroyOnClose>
        <div role="dialog" aria-labelledby="batch-results-title">
          <h2 className="batch-sheet__title" id="batch-results-title">
            {t('components.batch.succeeded', { count: succeeded })}
            {results && results.length > succeeded ? t('components.batch.failed', { count: results.length - succeeded }) : ''}
          </h2>
          <ul className="batch-results">
            {results?.map((result) => (
              <li key={result.taskId} className={result.ok ? 'batch-results__item' : 'batch-results__item batch-results__item--failed'} data-testid="batch-result">
                {result.ok ? <CheckCircleFill className="batch-results__icon" aria-hidden="true" /> : <CloseCircleFill className="batch-results__icon" aria-hidden="true" />}
                <span>
                  <span className="batch-results__title">{titleOf(result.taskId)}</span>
                  <span className="batch-results__outcome">{result.ok ? t('components.batch.approved') : failureOf(result)}</span>
                </span>
              </li>
            ))}
          </ul>
          <Button
            block
            color="primary"
            onClick={() => {
              setResults(null);
              onDone();
            }}
          >
            {t('components.done')}
          </Button>
        </div>
      </Popup>
    </>
  );
}

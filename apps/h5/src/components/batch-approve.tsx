import '../styles/lists.css';
import { useState } from 'react';
import { Button, Popup, TextArea } from 'antd-mobile';
import { CheckCircleFill, CloseCircleFill } from 'antd-mobile-icons';
import { limits, type BatchApproveDto, type ReceivedTaskDto } from '@onehall/contracts';
import { describeError, isRedirected } from '../api/api-client.ts';
import { hallApi } from '../api/hall-api.ts';

/**
 * Why a todo cannot join the batch being chosen, or undefined when it can:
 * the server decides which tasks need nothing but a yes (canBatchApprove),
 * and one batch holds one service's tasks.
 */
export function batchRefusal(task: ReceivedTaskDto, chosen: readonly ReceivedTaskDto[]): string | undefined {
  if (!task.canBatchApprove) return '需填写意见或表单，请单独处理';
  const service = chosen[0]?.application.serviceCode;
  if (service !== undefined && task.application.serviceCode !== service) return '与已选事项不是同一服务';
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
    return task ? `${task.application.title}（${task.application.serialNo}）` : taskId;
  };
  const succeeded = results?.filter((result) => result.ok).length ?? 0;

  return (
    <>
      <div className="batch-bar" role="group" aria-label="批量审批">
        <span className="batch-bar__count">已选 {chosen.length} 项</span>
        <Button className="batch-bar__button" onClick={onCancel}>
          取消
        </Button>
        <Button className="batch-bar__button" color="primary" disabled={chosen.length === 0} onClick={() => setAsking(true)}>
          批量同意
        </Button>
      </div>

      <Popup visible={asking} onMaskClick={() => !sending && setAsking(false)} bodyClassName="batch-sheet" destroyOnClose>
        <div role="dialog" aria-label="批量同意">
          <h2 className="batch-sheet__title">批量同意 {chosen.length} 项</h2>
          <label className="batch-sheet__label" htmlFor="batch-opinion">
            审批意见<span className="muted">（选填，{chosen[0]?.application.serviceName}的每一项都用这条意见）</span>
          </label>
          <TextArea id="batch-opinion" placeholder="请输入审批意见" value={opinion} onChange={setOpinion} maxLength={limits.opinionMaxLength} showCount rows={3} />
          {failure && (
            <p className="form-error" role="alert">
              {failure}
            </p>
          )}
          <div className="batch-sheet__actions">
            <Button block disabled={sending} onClick={() => setAsking(false)}>
              取消
            </Button>
            <Button block color="primary" loading={sending} onClick={() => void send()}>
              确认同意
            </Button>
          </div>
        </div>
      </Popup>

      <Popup visible={results !== null} bodyClassName="batch-sheet" destroyOnClose>
        <div role="dialog" aria-label="批量处理结果">
          <h2 className="batch-sheet__title">
            处理结果：成功 {succeeded} 项{results && results.length > succeeded ? `，失败 ${results.length - succeeded} 项` : ''}
          </h2>
          <ul className="batch-results">
            {results?.map((result) => (
              <li key={result.taskId} className={result.ok ? 'batch-results__item' : 'batch-results__item batch-results__item--failed'} data-testid="batch-result">
                {result.ok ? <CheckCircleFill className="batch-results__icon" aria-hidden="true" /> : <CloseCircleFill className="batch-results__icon" aria-hidden="true" />}
                <span>
                  <span className="batch-results__title">{titleOf(result.taskId)}</span>
                  <span className="batch-results__outcome">{result.ok ? '已同意' : (result.message ?? '未能处理')}</span>
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
            完成
          </Button>
        </div>
      </Popup>
    </>
  );
}

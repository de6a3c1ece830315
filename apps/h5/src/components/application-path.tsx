import '../styles/lists.css';
import { Steps } from 'antd-mobile';
import type { ApplicationPathStepDto } from '@onehall/contracts';

const stepStatus: Record<ApplicationPathStepDto['state'], 'finish' | 'error' | 'process' | 'wait'> = {
  done: 'finish',
  rejected: 'error',
  current: 'process',
  coming: 'wait',
  skipped: 'wait',
};

const stateText: Record<ApplicationPathStepDto['state'], string> = {
  done: '已完成',
  rejected: '已驳回',
  current: '办理中',
  coming: '待办理',
  skipped: '未到达',
};

const modeText: Record<NonNullable<ApplicationPathStepDto['mode']>, string> = { any: '或签', all: '会签', sequential: '依次审批', ratio: '按比例' };

/** Who a step's people are, in words: names, 待定 (chosen later), 自动通过, or nothing. */
function peopleText(step: ApplicationPathStepDto): string {
  if (step.state === 'skipped') return '';
  if (step.people.length > 0) return step.people.map((person) => person.name).join('、');
  if (step.undetermined) return '待定';
  if (step.autoPass) return '自动通过';
  return '—';
}

/**
 * 审批流程: the whole way of the application, first to last — 提交申请,
 * the steps done (who decided), the current one (who holds it) and those to
 * come (who will decide, or 待定 where the previous approver chooses).
 */
export function ApplicationPath({ steps }: { steps: ApplicationPathStepDto[] }) {
  if (steps.length === 0) return null;
  const current = steps.findIndex((step) => step.state === 'current' || step.state === 'rejected');
  return (
    <section className="card" aria-labelledby="path-title">
      <h2 className="card__title" id="path-title">
        审批流程
      </h2>
      <Steps direction="vertical" current={current} className="application-path">
        {steps.map((step) => (
          <Steps.Step
            key={step.nodeId}
            status={stepStatus[step.state]}
            title={
              <span className="application-path__title" data-state={step.state}>
                <span className="application-path__name">
                  {step.type === 'cc' ? '抄送：' : ''}
                  {step.name}
                </span>
                <span className="application-path__state">{stateText[step.state]}</span>
              </span>
            }
            description={
              <span className="application-path__people">
                {peopleText(step)}
                {step.mode && step.people.length > 1 && step.state !== 'done' ? `（${modeText[step.mode]}）` : ''}
                {step.branch ? <span className="muted">　{step.branch}</span> : null}
              </span>
            }
          />
        ))}
      </Steps>
    </section>
  );
}

import '../styles/lists.css';
import { Steps } from 'antd-mobile';
import type { ApplicationPathStepDto } from '@onehall/contracts';
import { t } from '../i18n/translate.ts';
import { joinList } from '../lib/form-text.ts';

const stepStatus: Record<ApplicationPathStepDto['state'], 'finish' | 'error' | 'process' | 'wait'> = {
  done: 'finish',
  rejected: 'error',
  current: 'process',
  coming: 'wait',
  skipped: 'wait',
};


/** Who a step's people are, in words: names, 待定 (chosen later), 自动通过, or nothing. */
function peopleText(step: ApplicationPathStepDto): string {
  if (step.state === 'skipped') return '';
  if (step.people.length > 0) return joinList(step.people.map((person) => person.name));
  if (step.undetermined) return t('components.path.undetermined');
  if (step.autoPass) return t('components.path.autoPass');
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
        {t('components.path.title')}
      </h2>
      <Steps direction="vertical" current={current} className="application-path">
        {steps.map((step) => (
          <Steps.Step
            key={step.nodeId}
            status={stepStatus[step.state]}
            title={
              <span className="application-path__title" data-state={step.state}>
                <span className="application-path__name">
                  {step.type === 'cc' ? t('components.path.cc') : ''}
                  {step.name}
                </span>
                <span className="application-path__state">{t(`components.path.${step.state}`)}</span>
              </span>
            }
            description={
              <span className="application-path__people">
                {peopleText(step)}
                {step.mode && step.people.length > 1 && step.state !== 'done' ? t('components.path.mode', { mode: t(`components.path.mode.${step.mode}`) }) : ''}
                {step.branch ? <span className="muted">　{step.branch}</span> : null}
              </span>
            }
          />
        ))}
      </Steps>
    </section>
  );
}

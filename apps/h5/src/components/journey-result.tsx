import type { ReactNode } from 'react';
import { CheckCircleFill, ExclamationCircleFill } from 'antd-mobile-icons';

interface JourneyResultProps {
  title: string;
  children?: ReactNode;
  /** The buttons under the text. */
  actions: ReactNode;
  /** 'warning': the step cannot go on (an orange mark instead of the green tick). */
  tone?: 'done' | 'warning';
}

/**
 * The end of a journey step (注册完成, 已解除绑定, 已绑定): a green tick, a
 * heading and what to do next. Plain markup rather than antd-mobile's
 * Result, so that the heading is a real heading.
 */
export function JourneyResult({ title, children, actions, tone = 'done' }: JourneyResultProps) {
  return (
    <section className="card journey-result" aria-labelledby="journey-result-title">
      {tone === 'warning' ? (
        <ExclamationCircleFill className="journey-result__icon journey-result__icon--warning" aria-hidden="true" />
      ) : (
        <CheckCircleFill className="journey-result__icon" aria-hidden="true" />
      )}
      <h2 className="journey-result__title" id="journey-result-title">
        {title}
      </h2>
      {children && <div className="journey-result__text">{children}</div>}
      <div className="journey-result__actions">{actions}</div>
    </section>
  );
}

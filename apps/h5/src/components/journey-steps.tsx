/** The three steps of 用户注册 after logging in, as the manual numbers them (1.3 ①–③). */
const registrationSteps = ['填写手机号', '关注企业号', '完成'] as const;
const stepMarks = ['①', '②', '③'] as const;

/**
 * Where the person is in the registration: a numbered list, the current
 * step marked for screen readers with aria-current, the ones before it done.
 */
export function JourneySteps({ current }: { current: 0 | 1 | 2 }) {
  return (
    <ol className="journey-steps" aria-label="注册步骤">
      {registrationSteps.map((title, index) => {
        const state = index < current ? 'done' : index === current ? 'current' : 'todo';
        return (
          <li key={title} className={`journey-steps__item journey-steps__item--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="journey-steps__mark" aria-hidden="true">
              {stepMarks[index]}
            </span>
            <span className="journey-steps__title">
              {title}
              {state === 'done' && <span className="visually-hidden">（已完成）</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

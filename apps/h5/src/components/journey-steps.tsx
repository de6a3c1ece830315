import { t } from '../i18n/translate.ts';

/** The three steps of 用户注册 after logging in, as the manual numbers them (1.3 ①–③). */
const registrationSteps = ['components.steps.phone', 'components.steps.follow', 'components.steps.done'] as const;
const stepMarks = ['①', '②', '③'] as const;

/**
 * Where the person is in the registration: a numbered list, the current
 * step marked for screen readers with aria-current, the ones before it done.
 */
export function JourneySteps({ current }: { current: 0 | 1 | 2 }) {
  return (
    <ol className="journey-steps" aria-label={t('components.steps.label')}>
      {registrationSteps.map((key, index) => {
        const title = t(key);
        const state = index < current ? 'done' : index === current ? 'current' : 'todo';
        return (
          <li key={title} className={`journey-steps__item journey-steps__item--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="journey-steps__mark" aria-hidden="true">
              {stepMarks[index]}
            </span>
            <span className="journey-steps__title">
              {title}
              {state === 'done' && <span className="visually-hidden">{t('components.steps.isDone')}</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

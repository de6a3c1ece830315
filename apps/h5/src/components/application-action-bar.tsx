import { lazy, Suspense, useState } from 'react';
import { Button } from 'antd-mobile';
import { ActionSheet, Dialog, Toast } from './overlays.tsx';
import { useNavigate } from 'react-router';
import type { ApplicationDetailDto } from '@onehall/contracts';
import { ApiError, describeError, isRedirected } from '../api/api-client.ts';
import { hallApi } from '../api/hall-api.ts';
import { useIntentKey } from '../hooks/use-intent-key.ts';
import { t } from '../i18n/translate.ts';
import { barLayout, buttonText, doneText, knownPeople, performAction, type ActionRequest, type BarAction, type DialogAction } from '../lib/application-actions.ts';

// The dialogs (people picker, form controls with their date and option
// pickers) load on the first tap: most visits to a detail page only read it.
const ActionPopup = lazy(() => import('./action-popup.tsx').then((module) => ({ default: module.ActionPopup })));

// Codes after which the detail on screen is stale: someone else acted first.
const staleCodes = new Set(['TASK_ALREADY_HANDLED', 'APPLICATION_ENDED', 'NOT_ASSIGNEE', 'CONCURRENT_UPDATE', 'TASK_NOT_FOUND', 'NOT_RETURNED']);

interface ActionBarProps {
  application: ApplicationDetailDto;
  viewerId: string | undefined;
  /** The server answered with the application as it is now. */
  onChanged: (application: ApplicationDetailDto) => void;
  /** What is on screen is out of date: load it again. */
  onStale: () => void;
}

/** Whether the viewer has anything to do here: the page makes room for the bar. */
export function hasActionBar(application: ApplicationDetailDto): boolean {
  const layout = barLayout(application);
  return layout.buttons.length + layout.more.length > 0;
}

function buttonLook(action: BarAction): { color: 'primary' | 'danger' | 'default'; fill: 'solid' | 'outline' } {
  if (action === 'approve' || action === 'resubmit') return { color: 'primary', fill: 'solid' };
  if (action === 'reject') return { color: 'danger', fill: 'outline' };
  return { color: 'primary', fill: 'outline' };
}

/**
 * The fixed bar at the bottom of the detail page: the approver's task
 * actions (同意, 驳回, and 更多: 退回, 转交, 委派, 加签, 减签, 评论, 抄送), or
 * for everyone else what they may do with the application (撤回, 催办,
 * 重新提交, 评论, 抄送) — exactly what the server says, nothing more.
 */
export function ApplicationActionBar({ application, viewerId, onChanged, onStale }: ActionBarProps) {
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<DialogAction | null>(null);
  const [dialogLoaded, setDialogLoaded] = useState(false);
  const [moreOpen, setMoreOpen] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // Separate keys: the server matches a key to the person, not to the action,
  // so a retried 催办 must never reuse a dialog's key, nor the other way round.
  const intent = useIntentKey();
  const urgeIntent = useIntentKey();
  const layout = barLayout(application);
  const task = application.myTask;

  function start(action: BarAction) {
    setMoreOpen(false);
    if (action === 'resubmit') {
      void navigate(`/applications/${encodeURIComponent(application.id)}/resubmit`);
    } else if (action === 'urge') {
      void urge();
    } else {
      intent.renew();
      setFailure(null);
      setDialogLoaded(true);
      setDialog(action);
    }
  }

  /** Shows a failure; returns whether the page must reload. */
  function fail(error: unknown): boolean {
    intent.settle(error);
    if (isRedirected(error)) return false;
    const message = describeError(error);
    if (error instanceof ApiError && staleCodes.has(error.code)) {
      Toast.show({ icon: 'fail', content: message });
      onStale();
      return true;
    }
    setFailure(message);
    return false;
  }

  async function confirm(request: ActionRequest) {
    if (submitting) return;
    setSubmitting(true);
    setFailure(null);
    try {
      const answer = await performAction(application, request, intent.current());
      intent.settle();
      setDialog(null);
      onChanged(answer);
      Toast.show({ icon: 'success', content: request.kind === 'approve' && task?.kind === 'delegate' ? t('components.bar.replied') : doneText(request.kind) });
    } catch (error) {
      if (fail(error)) setDialog(null);
    } finally {
      setSubmitting(false);
    }
  }

  // 催办 needs nothing more than the tap; the server says when it is too soon.
  async function urge() {
    if (submitting) return;
    setSubmitting(true);
    try {
      const answer = await hallApi.urgeApplication(application.id, { opinion: '', idempotencyKey: urgeIntent.current() });
      urgeIntent.settle();
      onChanged(answer);
      Toast.show({ icon: 'success', content: t('components.bar.urged') });
    } catch (error) {
      urgeIntent.settle(error);
      if (isRedirected(error)) return;
      // Too soon is not a failure to glance past: a dialog says why, until read.
      if (error instanceof ApiError && error.code === 'URGE_TOO_SOON') void Dialog.alert({ title: t('components.bar.urgeTooSoon'), content: describeError(error), confirmText: t('components.gotIt') });
      else Toast.show({ icon: 'fail', content: describeError(error) });
      if (error instanceof ApiError && staleCodes.has(error.code)) onStale();
    } finally {
      setSubmitting(false);
    }
  }

  if (layout.buttons.length + layout.more.length === 0) return null;
  return (
    <>
      <div className="action-bar" role="group" aria-label={t(task ? 'components.bar.task' : 'components.bar.application')}>
        {layout.more.length > 0 && (
          <Button className="action-bar__button action-bar__more" onClick={() => setMoreOpen(true)} aria-haspopup="dialog">
            {t('components.bar.more')}
          </Button>
        )}
        {layout.buttons.map((action) => (
          <Button key={action} className="action-bar__button" {...buttonLook(action)} disabled={submitting && action === 'urge'} onClick={() => start(action)}>
            {buttonText(action, task)}
          </Button>
        ))}
      </div>
      <ActionSheet
        visible={moreOpen}
        actions={layout.more.map((action) => ({ key: action, text: buttonText(action, task) }))}
        cancelText={t('common.cancel')}
        onAction={(action) => start(action.key as BarAction)}
        onClose={() => setMoreOpen(false)}
      />
      {dialogLoaded && (
        <Suspense fallback={null}>
          <ActionPopup
            action={dialog}
            application={application}
            people={knownPeople(application, viewerId)}
            submitting={submitting}
            failure={failure}
            onClose={() => setDialog(null)}
            onConfirm={(request) => void confirm(request)}
          />
        </Suspense>
      )}
    </>
  );
}

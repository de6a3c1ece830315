import '../styles/lists.css';
import { useCallback, useState } from 'react';
import { Button } from 'antd-mobile';
import { Toast } from '../components/overlays.tsx';
import { useNavigate } from 'react-router';
import type { MessageDto } from '@onehall/contracts';
import { describeError, isRedirected } from '../api/api-client.ts';
import { hallApi } from '../api/hall-api.ts';
import { ListMore } from '../components/list-more.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useCursorList } from '../hooks/use-cursor-list.ts';
import { safeNextPath } from '../lib/safe-next.ts';
import { formatDateTime } from '../lib/shanghai-time.ts';
import { t } from '../i18n/translate.ts';

/**
 * 消息: what happened to my applications and my tasks (a new task, a
 * send-back, an ending, a copy, an urge), newest first. Opening one marks
 * it read and goes to its application; 全部已读 marks them all.
 */
export default function MessagesPage() {
  const navigate = useNavigate();
  const fetchPage = useCallback((cursor: string | null) => hallApi.listMessages(cursor), []);
  const list = useCursorList(fetchPage);
  // Read here, since the list was loaded: ids, or every one loaded when 全部已读.
  const [readHere, setReadHere] = useState<Set<string>>(new Set());
  const [allRead, setAllRead] = useState(false);
  const [busy, setBusy] = useState(false);
  const isRead = (message: MessageDto) => allRead || message.readAt !== null || readHere.has(message.id);
  const anyUnread = list.items.some((message) => !isRead(message));

  async function open(message: MessageDto) {
    if (!isRead(message)) {
      setReadHere((previous) => new Set(previous).add(message.id));
      // Going to the application matters more than the mark: a failure here only leaves it unread.
      await hallApi.markMessageRead(message.id).catch(() => {});
    }
    const path = message.link ? safeNextPath(message.link) : null;
    if (path) await navigate(path);
  }

  async function readAll() {
    setBusy(true);
    try {
      await hallApi.markAllMessagesRead();
      setAllRead(true);
      Toast.show({ icon: 'success', content: t('pages.messages.allRead') });
    } catch (error) {
      if (!isRedirected(error)) Toast.show({ icon: 'fail', content: describeError(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="messages-page">
      <PageHeader
        title={t('pages.messages.title')}
        backTo="/"
        right={
          <Button size="mini" fill="none" color="primary" disabled={!anyUnread || busy} onClick={() => void readAll()}>
            {t('pages.messages.readAll')}
          </Button>
        }
      />
      <ul className="message-list">
        {list.items.map((message) => {
          const unread = !isRead(message);
          return (
            <li key={message.id} className={unread ? 'message-item message-item--unread' : 'message-item'}>
              <button type="button" className="message-item__button" onClick={() => void open(message)}>
                <span className="message-item__head">
                  {unread && <span className="message-item__dot" role="img" aria-label={t('pages.messages.unread')} />}
                  <span className="message-item__title">{message.title}</span>
                  <time className="message-item__time" dateTime={message.createdAt}>
                    {formatDateTime(message.createdAt)}
                  </time>
                </span>
                <span className="message-item__body">{message.body}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <ListMore list={list} emptyText={t('pages.messages.empty')} />
    </div>
  );
}

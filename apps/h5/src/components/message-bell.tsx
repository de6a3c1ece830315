import '../styles/lists.css';
import { Badge } from 'antd-mobile';
import { BellOutline } from 'antd-mobile-icons';
import { Link } from 'react-router';
import { hallApi } from '../api/hall-api.ts';
import { useLoad } from '../hooks/use-load.ts';
import { t } from '../i18n/translate.ts';

/**
 * 消息 with the number of unread messages: a bell in the page's title bar
 * that opens the message centre. The number is asked for each time the
 * page shows, so coming back from 消息 shows it lower.
 */
export function MessageBell() {
  const unread = useLoad(() => hallApi.getUnreadMessageCount(), []);
  const count = unread.data?.unread ?? 0;
  return (
    <Link to="/messages" className="message-bell" aria-label={count > 0 ? t('components.bell.unread', { count }) : t('components.bell.label')} data-testid="message-bell">
      <Badge content={count > 0 ? (count > 99 ? '99+' : count) : null} className="message-bell__badge" aria-hidden="true">
        <BellOutline className="message-bell__icon" aria-hidden="true" />
      </Badge>
    </Link>
  );
}

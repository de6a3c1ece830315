import type { MessageListDto, UnreadCountDto } from '@onehall/contracts';
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Auth } from '../identity/identity.service.ts';
import * as repo from './messages.repository.ts';

export type MessagesService = ReturnType<typeof createMessagesService>;

/**
 * 消息: the in-hall messages the notify handlers delivered (new task,
 * send-back, the end of an application, a copy, an urge…), each linking to
 * its application. A person sees and marks only their own; another
 * person's message id answers MESSAGE_NOT_FOUND, as a missing one does.
 */
export function createMessagesService(deps: { db: Db; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  return {
    /** My messages, newest first, a page at a time. */
    async list(auth: Auth, query: { cursor?: string | undefined; limit: number }): Promise<MessageListDto> {
      const rows = await repo.findMessagesOfPerson(db, auth.personId, { beforeId: decodeCursor(query.cursor)?.id, limit: query.limit + 1 });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => ({ id: row.id, title: row.title, body: row.body, link: row.link, createdAt: row.created_at.toISOString(), readAt: row.read_at ? row.read_at.toISOString() : null })),
        // The order is the id's alone; the cursor carries the time only because every cursor of the hall does.
        nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.created_at, id: last.id }) : null,
      };
    },

    async unreadCount(auth: Auth): Promise<UnreadCountDto> {
      return { unread: await repo.countUnread(db, auth.personId) };
    },

    /** Marks one of my messages read (again: no change). */
    async markRead(auth: Auth, messageId: string): Promise<UnreadCountDto> {
      if (!(await repo.markRead(db, auth.personId, messageId, now()))) throw new AppError('MESSAGE_NOT_FOUND');
      return { unread: await repo.countUnread(db, auth.personId) };
    },

    /** 全部已读. */
    async markAllRead(auth: Auth): Promise<UnreadCountDto> {
      await repo.markAllRead(db, auth.personId, now());
      return { unread: 0 };
    },
  };
}

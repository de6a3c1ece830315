import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody, listQuery, messageIdParams, messageListDto, unreadCountDto } from '@onehall/contracts';
import { requireAuth, requireMember } from '../identity/identity.policy.ts';
import type { MessagesService } from './messages.service.ts';

/** 消息: the caller's in-hall messages, the unread count, and marking them read. */
export async function registerMessageRoutes(app: FastifyInstance, deps: { messages: MessagesService }): Promise<void> {
  const { messages } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auth = { preHandler: requireMember };
  const errors = { 400: errorBody, 401: errorBody, 403: errorBody };

  r.get('/api/messages', { ...auth, schema: { tags: ['messages'], summary: '消息: mine, newest first', querystring: listQuery, response: { 200: messageListDto, ...errors } } }, (request) =>
    messages.list(requireAuth(request), request.query),
  );
  r.get('/api/messages/unread-count', { ...auth, schema: { tags: ['messages'], summary: 'How many of my messages are unread', response: { 200: unreadCountDto, ...errors } } }, (request) =>
    messages.unreadCount(requireAuth(request)),
  );
  r.post('/api/messages/read-all', { ...auth, schema: { tags: ['messages'], summary: '全部已读', response: { 200: unreadCountDto, ...errors } } }, (request) =>
    messages.markAllRead(requireAuth(request)),
  );
  r.post('/api/messages/:messageId/read', { ...auth, schema: { tags: ['messages'], summary: 'Mark one of my messages read; answers the unread count', params: messageIdParams, response: { 200: unreadCountDto, 404: errorBody, ...errors } } }, (request) =>
    messages.markRead(requireAuth(request), request.params.messageId),
  );
}

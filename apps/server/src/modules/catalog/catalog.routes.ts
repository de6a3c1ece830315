import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { catalogQuery, errorBody, favoriteStateDto, homeDto, myCatalogDto, myServiceDetailDto, serviceCodeParams } from '@onehall/contracts';
import { requireAuth, requireMember } from '../identity/identity.policy.ts';
import type { CatalogService } from './catalog.service.ts';

export async function registerCatalogRoutes(app: FastifyInstance, deps: { catalog: CatalogService }): Promise<void> {
  const { catalog } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auth = { preHandler: requireMember };
  const errors = { 401: errorBody, 403: errorBody };

  r.get('/api/home', { ...auth, schema: { tags: ['catalog'], summary: '首页: banners', response: { 200: homeDto, ...errors } } }, () => catalog.getHome());

  r.get(
    '/api/catalog',
    {
      ...auth,
      schema: {
        tags: ['catalog'],
        summary: '我的服务: the services the caller may see by category (searchable by name, pinyin and initials), with 我的收藏, 最近使用 and 热门服务',
        querystring: catalogQuery,
        response: { 200: myCatalogDto, ...errors },
      },
    },
    (request) => catalog.getCatalog(requireAuth(request).personId, request.query.q),
  );

  r.get(
    '/api/services/:code',
    {
      ...auth,
      schema: {
        tags: ['catalog'],
        summary: "A service's guide, form and steps (opening it counts for 最近使用); 403 SERVICE_NOT_FOR_AUDIENCE when it is not for the caller",
        params: serviceCodeParams,
        response: { 200: myServiceDetailDto, 404: errorBody, ...errors },
      },
    },
    (request) => catalog.getServiceDetail(requireAuth(request).personId, request.params.code),
  );

  r.put(
    '/api/services/:code/favorite',
    { ...auth, schema: { tags: ['catalog'], summary: '收藏 a service (idempotent)', params: serviceCodeParams, response: { 200: favoriteStateDto, 404: errorBody, ...errors } } },
    (request) => catalog.addFavorite(requireAuth(request).personId, request.params.code),
  );

  r.delete(
    '/api/services/:code/favorite',
    { ...auth, schema: { tags: ['catalog'], summary: '取消收藏 (idempotent)', params: serviceCodeParams, response: { 200: favoriteStateDto, 404: errorBody, ...errors } } },
    (request) => catalog.removeFavorite(requireAuth(request).personId, request.params.code),
  );
}

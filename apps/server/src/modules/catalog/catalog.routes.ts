import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { catalogDto, catalogQuery, errorBody, homeDto, serviceCodeParams, serviceDetailDto } from '@onehall/contracts';
import { requireMember } from '../identity/identity.policy.ts';
import type { CatalogService } from './catalog.service.ts';

export async function registerCatalogRoutes(app: FastifyInstance, deps: { catalog: CatalogService }): Promise<void> {
  const { catalog } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auth = { preHandler: requireMember };
  const errors = { 401: errorBody, 403: errorBody };

  r.get('/api/home', { ...auth, schema: { tags: ['catalog'], summary: '首页: banners', response: { 200: homeDto, ...errors } } }, () => catalog.getHome());

  r.get('/api/catalog', { ...auth, schema: { tags: ['catalog'], summary: '我的服务: categories and services, searchable by name', querystring: catalogQuery, response: { 200: catalogDto, ...errors } } }, (request) =>
    catalog.getCatalog(request.query.q),
  );

  r.get('/api/services/:code', { ...auth, schema: { tags: ['catalog'], summary: "A service's guide, form and steps", params: serviceCodeParams, response: { 200: serviceDetailDto, 404: errorBody, ...errors } } }, (request) =>
    catalog.getServiceDetail(request.params.code),
  );
}

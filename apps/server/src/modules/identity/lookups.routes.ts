import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { departmentsDto, errorBody, peopleSearchDto, peopleSearchQuery } from '@onehall/contracts';
import { requireMember } from './identity.policy.ts';
import type { Lookups } from './lookups.ts';

/**
 * The lookups of a form's person and department fields: any logged-in
 * member. A person may search the directory PEOPLE_SEARCH_PER_MINUTE times a
 * minute — plenty for typing into a field, too few to read the school's
 * directory out by script.
 */
export async function registerLookupRoutes(app: FastifyInstance, deps: { lookups: Lookups; searchesPerMinute: number }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { lookups } = deps;
  const errors = { 400: errorBody, 401: errorBody, 403: errorBody };

  r.get(
    '/api/people',
    {
      config: { rateLimit: { max: deps.searchesPerMinute, timeWindow: 60_000 } },
      preHandler: requireMember,
      schema: { tags: ['people'], summary: 'People for a person field: q searches names, pinyin, initials and account numbers; ids names chosen people (names and departments only)', querystring: peopleSearchQuery, response: { 200: peopleSearchDto, 429: errorBody, ...errors } },
    },
    (request) => (request.query.ids ? lookups.findPeopleOptions(request.query.ids) : lookups.searchPeople(request.query.q!)),
  );

  r.get(
    '/api/departments',
    { preHandler: requireMember, schema: { tags: ['people'], summary: 'Every department with its parent, for a department field', response: { 200: departmentsDto, ...errors } } },
    () => lookups.listDepartments(),
  );
}

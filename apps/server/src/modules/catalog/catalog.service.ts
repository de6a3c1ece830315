import type { CatalogDto, HomeDto, ServiceDetailDto } from '@onehall/contracts';
import type { Db, Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { cachedLookup } from '../../platform/lookup-cache.ts';
import type { FormsService } from '../forms/forms.service.ts';
import type { DefinitionsService } from '../workflow/definitions.service.ts';
import * as repo from './catalog.repository.ts';

export type CatalogService = ReturnType<typeof createCatalogService>;

/** Categories, services and their guides, banners. */
export function createCatalogService(deps: { db: Db; forms: FormsService; definitions: DefinitionsService; cacheSeconds?: number }) {
  const { db, forms, definitions } = deps;
  const findByCode = cachedLookup(deps.cacheSeconds ?? 0, (code: string) => repo.findServiceByCode(db, code));

  /** A published service by code (publishing or taking one offline shows within the lookup cache's time). */
  async function getPublishedService(code: string, executor: Executor = db) {
    const service = executor === db ? await findByCode(code) : await repo.findServiceByCode(executor, code);
    if (!service || service.status !== 'published') throw new AppError('SERVICE_NOT_FOUND');
    return service;
  }

  return {
    getPublishedService,

    async getHome(): Promise<HomeDto> {
      const banners = await repo.findActiveBanners(db);
      return { banners: banners.map((b) => ({ id: b.id, title: b.title, imageUrl: b.image_url, link: b.link })) };
    },

    /** 我的服务: published services grouped by category, optionally searched by name. */
    async getCatalog(query?: string): Promise<CatalogDto> {
      const rows = await repo.findPublishedServices(db, query || undefined);
      const categories = new Map<string, CatalogDto['categories'][number]>();
      for (const row of rows) {
        let category = categories.get(row.category_id);
        if (!category) {
          category = { id: row.category_id, name: row.category_name, services: [] };
          categories.set(row.category_id, category);
        }
        category.services.push({ id: row.id, code: row.code, name: row.name, icon: row.icon, departmentName: row.department_name, summary: row.summary });
      }
      return { categories: [...categories.values()] };
    },

    /** A service's launch page: its guide, the newest form and the approval steps. */
    async getServiceDetail(code: string): Promise<ServiceDetailDto> {
      const service = await getPublishedService(code);
      const [form, steps] = await Promise.all([forms.getLatest(service.form_key), definitions.describeSteps(service.process_key)]);
      return {
        id: service.id,
        code: service.code,
        name: service.name,
        icon: service.icon,
        departmentName: service.department_name,
        summary: service.summary,
        guide: service.guide,
        form: form.schema,
        formVersion: form.version,
        steps,
      };
    },

    /** Codes and names of services by id, for lists of applications. */
    async findServiceNames(ids: readonly string[], executor: Executor = db): Promise<Map<string, { code: string; name: string }>> {
      const rows = await repo.findServicesByIds(executor, [...new Set(ids)]);
      return new Map(rows.map((row) => [row.id, { code: row.code, name: row.name }]));
    },

    countPublishedServices(): Promise<number> {
      return repo.countPublishedServices(db);
    },
  };
}

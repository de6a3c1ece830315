import type { Guide, HomeDto, MyCatalogDto, MyServiceDetailDto, PersonKind, FavoriteStateDto } from '@onehall/contracts';
import { catalogSectionLimits, hotServiceDays, matchesServiceSearch, personKindText } from '@onehall/contracts';
import type { Db, Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { cachedLookup } from '../../platform/lookup-cache.ts';
import type { FormsService } from '../forms/forms.service.ts';
import type { DefinitionsService } from '../workflow/definitions.service.ts';
import type { ActivityService } from '../workflow/activity.service.ts';
import { computeNameReadings } from './catalog.pinyin.ts';
import * as repo from './catalog.repository.ts';
import type { ServiceRow } from './catalog.table.ts';

export type CatalogService = ReturnType<typeof createCatalogService>;

const DAY_MS = 24 * 3600 * 1000;

export interface CatalogDeps {
  db: Db;
  forms: FormsService;
  definitions: DefinitionsService;
  /** Applications in aggregate (热门服务, 最近使用), from the workflow module. */
  activity: ActivityService;
  /** A person's kind (student, teacher, staff), from the identity module: whom a service is for. */
  findPersonKind: (personId: string) => Promise<PersonKind | null>;
  cacheSeconds?: number;
  now?: () => Date;
}

/** What a service is saved with; its readings for search are computed from the name. */
export interface ServiceInput {
  code: string;
  name: string;
  icon?: string;
  summary?: string;
  categoryId: string;
  departmentId: string;
  guide: Guide;
  formKey: string;
  processKey: string;
  status?: 'draft' | 'published' | 'offline';
  sort?: number;
  audiences?: PersonKind[];
}

/**
 * Writes a service (new by code, or changed), with the readings of its name
 * for search. Every write of a service goes through here — the seed, tests,
 * and the admin console's publishing — so a renamed service is found by its
 * new pinyin at once. Returns the service id.
 */
export function saveService(executor: Executor, input: ServiceInput): Promise<string> {
  return repo.upsertService(executor, {
    code: input.code,
    name: input.name,
    ...computeNameReadings(input.name),
    ...(input.icon !== undefined ? { icon: input.icon } : {}),
    ...(input.summary !== undefined ? { summary: input.summary } : {}),
    category_id: input.categoryId,
    department_id: input.departmentId,
    guide: JSON.stringify(input.guide),
    form_key: input.formKey,
    process_key: input.processKey,
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(input.sort !== undefined ? { sort: input.sort } : {}),
    audiences: [...new Set(input.audiences ?? [])],
  });
}

/** Whether a person of this kind may see a service (no audience: everyone). */
export function isForKind(service: Pick<ServiceRow, 'audiences'>, kind: PersonKind | null): boolean {
  return service.audiences.length === 0 || (kind !== null && service.audiences.includes(kind));
}

/** Categories, services and their guides, banners; 我的收藏, 最近使用, 热门服务 and search. */
export function createCatalogService(deps: CatalogDeps) {
  const { db, forms, definitions, activity } = deps;
  const now = deps.now ?? (() => new Date());
  const cacheSeconds = deps.cacheSeconds ?? 0;
  const findByCode = cachedLookup(cacheSeconds, (code: string) => repo.findServiceByCode(db, code));
  const visibleServices = cachedLookup(cacheSeconds, (kind: PersonKind) => repo.findVisibleServices(db, kind));
  // The same for everyone and slow to change: counted once per cache period, not per page view.
  const hotCounts = cachedLookup(cacheSeconds, async () => activity.countApplicationsByService(new Date(now().getTime() - hotServiceDays * DAY_MS)));

  async function kindOf(personId: string): Promise<PersonKind> {
    const kind = await deps.findPersonKind(personId);
    if (!kind) throw new AppError('NOT_AUTHENTICATED');
    return kind;
  }

  /** A published service by code (publishing or taking one offline shows within the lookup cache's time). */
  async function getPublishedService(code: string, executor: Executor = db) {
    const service = executor === db ? await findByCode(code) : await repo.findServiceByCode(executor, code);
    if (!service || service.status !== 'published') throw new AppError('SERVICE_NOT_FOUND');
    return service;
  }

  /**
   * A published service that this person may see and apply to. A service
   * for other kinds of people is refused with SERVICE_NOT_FOR_AUDIENCE and a
   * message naming whom it is for (it is not hidden behind a 404: a link
   * shared by a teacher should tell a student why it does not open).
   */
  async function getServiceFor(personId: string, code: string, executor: Executor = db) {
    const [service, kind] = await Promise.all([getPublishedService(code, executor), kindOf(personId)]);
    if (!isForKind(service, kind)) {
      const whom = service.audiences.map((k) => personKindText[k].zh).join('、');
      throw new AppError('SERVICE_NOT_FOR_AUDIENCE', {}, `该服务仅面向${whom}，您当前的身份（${personKindText[kind].zh}）不能查看或申请`);
    }
    return service;
  }

  /** 最近使用: opened (here) or applied to (workflow), newest first, one entry per service. */
  async function recentServiceIds(personId: string): Promise<string[]> {
    const limit = catalogSectionLimits.recent * 2;
    const [visits, applied] = await Promise.all([repo.findRecentVisits(db, personId, limit), activity.findLastApplied(personId, limit)]);
    const latest = new Map<string, number>();
    for (const { serviceId, at } of [...visits.map((v) => ({ serviceId: v.service_id, at: new Date(v.visited_at) })), ...applied]) {
      latest.set(serviceId, Math.max(latest.get(serviceId) ?? 0, at.getTime()));
    }
    return [...latest].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  }

  return {
    getPublishedService,
    getServiceFor,
    saveService: (input: ServiceInput, executor: Executor = db) => saveService(executor, input),

    async getHome(): Promise<HomeDto> {
      const banners = await repo.findActiveBanners(db);
      return { banners: banners.map((b) => ({ id: b.id, title: b.title, imageUrl: b.image_url, link: b.link })) };
    },

    /**
     * 我的服务: the published services this person may see, by category,
     * optionally searched (name, pinyin, initials: catalog-search.ts), with
     * their favorites, recently used and the hall's hot services among them.
     */
    async getCatalog(personId: string, query?: string): Promise<MyCatalogDto> {
      const kind = await kindOf(personId);
      const [rows, favoriteIds, recentIds, hot] = await Promise.all([
        visibleServices(kind),
        repo.findFavoriteServiceIds(db, personId, catalogSectionLimits.favorites),
        recentServiceIds(personId),
        hotCounts(),
      ]);
      const found = query ? rows.filter((row) => matchesServiceSearch(query, { name: row.name, pinyin: row.name_pinyin, initials: row.name_initials })) : rows;
      const categories = new Map<string, MyCatalogDto['categories'][number]>();
      const codeOf = new Map<string, string>();
      const position = new Map<string, number>();
      for (const row of found) {
        let category = categories.get(row.category_id);
        if (!category) {
          category = { id: row.category_id, name: row.category_name, services: [] };
          categories.set(row.category_id, category);
        }
        category.services.push({ id: row.id, code: row.code, name: row.name, icon: row.icon, departmentName: row.department_name, summary: row.summary, pinyin: row.name_pinyin, initials: row.name_initials });
        codeOf.set(row.id, row.code);
        position.set(row.id, position.size);
      }
      // Sections name only services on this page: visible to this person, published, found by the query.
      const codes = (ids: string[], limit: number) => ids.filter((id) => codeOf.has(id)).slice(0, limit).map((id) => codeOf.get(id)!);
      const hotIds = [...hot].filter(([id, n]) => n > 0 && codeOf.has(id)).sort((a, b) => b[1] - a[1] || position.get(a[0])! - position.get(b[0])!).map(([id]) => id);
      return {
        categories: [...categories.values()],
        favorites: codes(favoriteIds, catalogSectionLimits.favorites),
        recent: codes(recentIds, catalogSectionLimits.recent),
        hot: codes(hotIds, catalogSectionLimits.hot),
      };
    },

    /**
     * A service's launch page: its guide, the newest form and the approval
     * steps. Opening it counts as using it (最近使用).
     */
    async getServiceDetail(personId: string, code: string): Promise<MyServiceDetailDto> {
      const service = await getServiceFor(personId, code);
      const [form, steps, favorite] = await Promise.all([
        forms.getLatest(service.form_key),
        definitions.describeSteps(service.process_key),
        repo.isFavorite(db, personId, service.id),
        repo.upsertVisit(db, personId, service.id),
      ]);
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
        isFavorite: favorite,
        audiences: service.audiences,
      };
    },

    /** 收藏: idempotent; only a service the person may see. */
    async addFavorite(personId: string, code: string): Promise<FavoriteStateDto> {
      const service = await getServiceFor(personId, code);
      await repo.insertFavorite(db, personId, service.id);
      return { code: service.code, isFavorite: true };
    },

    /** 取消收藏: idempotent, and possible for a service that went offline or is no longer for this person. */
    async removeFavorite(personId: string, code: string): Promise<FavoriteStateDto> {
      const service = await repo.findServiceByCode(db, code);
      if (!service) throw new AppError('SERVICE_NOT_FOUND');
      await repo.deleteFavorite(db, personId, service.id);
      return { code: service.code, isFavorite: false };
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

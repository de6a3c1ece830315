import { z } from 'zod';
import { serviceDetailDto, serviceSummaryDto } from './api.ts';
import { personKinds } from './enums.ts';

/**
 * 我的服务 (the catalog module): the page's services with what search needs,
 * the person's favorites and recently used services, the hall's hot services,
 * and who a service is for. The base shapes (a service's summary, its guide
 * and launch page) stay in api.ts.
 */

/** Who a service is for, by person kind; empty: everyone. */
export const serviceAudiences = z.array(z.enum(personKinds)).max(personKinds.length);

/** A service in 我的服务, with the stored readings of its name (see catalog-search.ts). */
export const catalogServiceDto = serviceSummaryDto.extend({
  pinyin: z.string().describe('Full pinyin of the name without tones or separators; readings of polyphonic characters follow, space-separated'),
  initials: z.string().describe('One letter per Han character, letter or digit of the name; other readings follow, space-separated'),
});
export type CatalogServiceDto = z.infer<typeof catalogServiceDto>;

export const catalogCategoryDto = z.object({
  id: z.uuid(),
  name: z.string(),
  services: z.array(catalogServiceDto),
});
export type CatalogCategoryDto = z.infer<typeof catalogCategoryDto>;

/** How many services the personal sections of 我的服务 show at most. */
export const catalogSectionLimits = { recent: 6, hot: 6, favorites: 50 } as const;

/** How far back 热门服务 counts applications, in days. */
export const hotServiceDays = 30;

/**
 * 我的服务: the services the caller may see, by category, and the caller's
 * sections. The sections name services by code; every code in them is one of
 * the services in `categories`.
 */
export const myCatalogDto = z.object({
  categories: z.array(catalogCategoryDto),
  /** 我的收藏: most recently added first. */
  favorites: z.array(z.string()),
  /** 最近使用: services the caller last opened or applied to, most recent first. */
  recent: z.array(z.string()),
  /** 热门服务: most applications across the hall in the last `hotServiceDays` days first. */
  hot: z.array(z.string()),
});
export type MyCatalogDto = z.infer<typeof myCatalogDto>;

/** A service's launch page, with whether the caller has it among 我的收藏. */
export const myServiceDetailDto = serviceDetailDto.extend({
  isFavorite: z.boolean(),
  audiences: serviceAudiences,
});
export type MyServiceDetailDto = z.infer<typeof myServiceDetailDto>;

/** The answer of 收藏 / 取消收藏 (both idempotent). */
export const favoriteStateDto = z.object({ code: z.string(), isFavorite: z.boolean() });
export type FavoriteStateDto = z.infer<typeof favoriteStateDto>;

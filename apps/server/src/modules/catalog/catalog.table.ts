import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Guide, PersonKind } from '@onehall/contracts';

export interface CategoryTable {
  id: Generated<string>;
  name: string;
  sort: Generated<number>;
}

export interface BannerTable {
  id: Generated<string>;
  title: string;
  image_url: string;
  link: string;
  sort: Generated<number>;
  is_active: Generated<boolean>;
}

export interface ServiceTable {
  id: Generated<string>;
  code: string;
  name: string;
  icon: Generated<string>;
  summary: Generated<string>;
  category_id: string;
  department_id: string;
  guide: ColumnType<Guide, string, string>;
  /** The service's form and process, by key: the newest version of each is used for new applications. */
  form_key: string;
  process_key: string;
  status: Generated<'draft' | 'published' | 'offline'>;
  sort: Generated<number>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  /** The name's readings for search (catalog.pinyin.ts), written whenever the name is. */
  name_pinyin: Generated<string>;
  name_initials: Generated<string>;
  /** Who may see and apply: person kinds; empty is everyone. */
  audiences: ColumnType<PersonKind[], PersonKind[] | undefined, PersonKind[]>;
}

/** 我的收藏: a person's favorite services. */
export interface ServiceFavoriteTable {
  person_id: string;
  service_id: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/** When a person last opened a service (applying is read from the workflow module). */
export interface ServiceVisitTable {
  person_id: string;
  service_id: string;
  visited_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CatalogTables {
  category: CategoryTable;
  banner: BannerTable;
  service: ServiceTable;
  service_favorite: ServiceFavoriteTable;
  service_visit: ServiceVisitTable;
}

export type ServiceRow = Selectable<ServiceTable>;

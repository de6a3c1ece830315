import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Guide } from '@onehall/contracts';

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
}

export interface CatalogTables {
  category: CategoryTable;
  banner: BannerTable;
  service: ServiceTable;
}

export type ServiceRow = Selectable<ServiceTable>;

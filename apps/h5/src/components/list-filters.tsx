import '../styles/lists.css';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { SearchBar } from 'antd-mobile';
import { Popup } from './overlays.tsx';
import { FilterOutline } from 'antd-mobile-icons';
import type { ListKind, ListServicesDto } from '@onehall/contracts';
import { hallApi } from '../api/hall-api.ts';
import { useLoad } from '../hooks/use-load.ts';
import { t } from '../i18n/translate.ts';

// The sheet (a date picker, the service choices) loads on the first tap of 筛选.
const FilterSheet = lazy(() => import('./filter-sheet.tsx').then((module) => ({ default: module.FilterSheet })));

/**
 * The filters of 发出的事项, 待办, 已办 and 抄送我: a service, a range of days
 * and (in 收到的事项) a search. They live in the page's address (service,
 * from, to, q), so the back button and a shared link keep them.
 */
export interface ListFilters {
  serviceId?: string | undefined;
  /** YYYY-MM-DD, Shanghai, both ends included. */
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
}

const day = /^\d{4}-\d{2}-\d{2}$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filters in an address; anything malformed is left out rather than sent to be refused. */
export function readFilters(params: URLSearchParams): ListFilters {
  const pick = (key: string, pattern: RegExp) => {
    const value = params.get(key);
    return value && pattern.test(value) ? value : undefined;
  };
  const q = params.get('q')?.trim();
  return { serviceId: pick('service', uuid), from: pick('from', day), to: pick('to', day), q: q ? q.slice(0, 40) : undefined };
}

/** Writes the filters into an address's parameters, keeping the others (the status tab). */
export function writeFilters(params: URLSearchParams, filters: ListFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (key: string, value: string | undefined) => (value ? next.set(key, value) : next.delete(key));
  set('service', filters.serviceId);
  set('from', filters.from);
  set('to', filters.to);
  set('q', filters.q);
  return next;
}

/** A key that changes with the filters: a list keyed by it starts again from its first page. */
export function filtersKey(filters: ListFilters): string {
  return [filters.serviceId, filters.from, filters.to, filters.q].map((part) => part ?? '').join('|');
}

interface ListFilterBarProps {
  list: ListKind;
  filters: ListFilters;
  onChange: (filters: ListFilters) => void;
  /** What the days are days of: 提交日期, 收到日期, 办理日期, 抄送日期. */
  dateLabel: string;
  /** Offer the search box (收到的事项). */
  searchable?: boolean;
  /** Something at the end of the bar (批量审批). */
  extra?: ReactNode;
}

/** The search box, the 筛选 button with what is chosen, and the sheet that chooses it. */
export function ListFilterBar({ list, filters, onChange, dateLabel, searchable, extra }: ListFilterBarProps) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState(filters.q ?? '');
  // The services are asked for once the sheet opens, or when one is chosen (to name it).
  const wantServices = open || filters.serviceId !== undefined;
  const services = useLoad<ListServicesDto | null>(() => (wantServices ? hallApi.listServices(list) : Promise.resolve(null)), [list, wantServices]);
  const serviceName = services.data?.services.find((service) => service.id === filters.serviceId)?.name;
  const chosen = [filters.serviceId ? (serviceName ?? t('components.filters.chosenService')) : null, rangeText(filters)].filter(Boolean);

  useEffect(() => setQuery(filters.q ?? ''), [filters.q]);

  return (
    <div className="list-filters">
      {searchable && (
        <SearchBar
          className="list-filters__search"
          placeholder={t('components.filters.search')}
          value={query}
          onChange={setQuery}
          onSearch={(text) => onChange({ ...filters, q: text.trim() || undefined })}
          onClear={() => onChange({ ...filters, q: undefined })}
          maxLength={40}
        />
      )}
      <div className="list-filters__bar">
        <button type="button" className={chosen.length > 0 ? 'list-filters__open list-filters__open--active' : 'list-filters__open'} onClick={() => setOpen(true)} aria-haspopup="dialog">
          <FilterOutline aria-hidden="true" />
          {chosen.length > 0 ? t('components.filters.count', { count: chosen.length }) : t('components.filters.open')}
        </button>
        {chosen.length > 0 ? (
          <span className="list-filters__chosen" data-testid="list-filters-chosen">
            {chosen.join(' · ')}
            <button type="button" className="link-button" onClick={() => onChange({ q: filters.q })}>
              {t('components.clear')}
            </button>
          </span>
        ) : (
          <span className="list-filters__chosen muted">{t('components.filters.all')}</span>
        )}
        {extra}
      </div>
      <Popup visible={open} onMaskClick={() => setOpen(false)} onClose={() => setOpen(false)} bodyClassName="sheet list-filters__sheet" destroyOnClose>
        <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
          <FilterSheet
            services={services.data?.services ?? null}
            filters={filters}
            dateLabel={dateLabel}
            onCancel={() => setOpen(false)}
            onConfirm={(next) => {
              setOpen(false);
              onChange({ ...next, q: filters.q });
            }}
          />
        </Suspense>
      </Popup>
    </div>
  );
}

function rangeText(filters: ListFilters): string | null {
  if (filters.from && filters.to) return filters.from === filters.to ? filters.from : t('components.filters.range', { from: filters.from, to: filters.to });
  if (filters.from) return t('components.filters.from', { from: filters.from });
  if (filters.to) return t('components.filters.to', { to: filters.to });
  return null;
}

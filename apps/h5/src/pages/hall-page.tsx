import '../styles/catalog.css';
import { useMemo, useState, type ReactNode } from 'react';
import { List, SearchBar } from 'antd-mobile';
import { Link, useSearchParams } from 'react-router';
import type { CatalogServiceDto, MyCatalogDto } from '@onehall/contracts';
import { limits, matchesServiceSearch } from '@onehall/contracts/plain';
import { hallApi } from '../api/hall-api.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { LoadError, PageLoading } from '../components/load-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ServiceIcon } from '../components/service-icon.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { t } from '../i18n/translate.ts';

/**
 * 我的服务: a search box, then 我的收藏, 最近使用, 热门服务 and the catalog by
 * category. The page loads the whole catalog once (a few hundred services at
 * most, each with the stored pinyin and initials of its name) and searches it
 * on the phone with the server's own matcher (catalog-search.ts in
 * contracts): results follow every key press, with no request and no pinyin
 * dictionary in the page. The query lives in the address (?q=) so that coming
 * back from a service shows the same results.
 */
export default function HallPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const [text, setText] = useState(() => searchParams.get('q') ?? '');
  const catalog = useLoad(() => hallApi.getCatalog(), []);
  const query = text.trim();

  function search(value: string) {
    setText(value);
    const q = value.trim();
    setSearchParams(q ? { q } : {}, { replace: true });
  }

  const found = useMemo(() => {
    if (!catalog.data || !query) return null;
    return catalog.data.categories
      .map((category) => ({ ...category, services: category.services.filter((service) => matchesServiceSearch(query, service)) }))
      .filter((category) => category.services.length > 0);
  }, [catalog.data, query]);

  return (
    <div className="hall-page">
      <PageHeader title={t('pages.hall.title')} />
      <div className="hall-page__search" role="search" aria-label={t('pages.hall.search')}>
        <SearchBar
          placeholder={t('pages.hall.searchPlaceholder')}
          value={text}
          onChange={search}
          onSearch={search}
          onClear={() => search('')}
          maxLength={limits.searchMaxLength}
        />
      </div>
      {catalog.loading && !catalog.data && <PageLoading />}
      {catalog.error != null && <LoadError error={catalog.error} onRetry={catalog.reload} />}
      {catalog.data && (found ? <SearchResults categories={found} /> : <Sections catalog={catalog.data} />)}
    </div>
  );
}

function SearchResults({ categories }: { categories: MyCatalogDto['categories'] }) {
  if (categories.length === 0) return <EmptyState title={t('pages.hall.notFound')} description={t('pages.hall.notFoundHint')} />;
  return (
    <div aria-live="polite">
      {categories.map((category) => (
        <ServiceSection key={category.id} title={category.name} services={category.services} />
      ))}
    </div>
  );
}

/** Without a query: the person's sections, then every category. */
function Sections({ catalog }: { catalog: MyCatalogDto }) {
  const byCode = useMemo(() => new Map(catalog.categories.flatMap((category) => category.services.map((service) => [service.code, service] as const))), [catalog]);
  const pick = (codes: string[]) => codes.map((code) => byCode.get(code)).filter((service): service is CatalogServiceDto => service !== undefined);
  const categories = catalog.categories.filter((category) => category.services.length > 0);
  if (categories.length === 0) return <EmptyState title={t('pages.hall.noServices')} />;
  const favorites = pick(catalog.favorites);
  const recent = pick(catalog.recent);
  const hot = pick(catalog.hot);
  return (
    <>
      <ServiceSection title={t('pages.hall.favorites')} services={favorites} testId="favorites">
        {favorites.length === 0 && <p className="hall-page__hint">{t('pages.hall.noFavorites')}</p>}
      </ServiceSection>
      {recent.length > 0 && <ServiceSection title={t('pages.hall.recent')} services={recent} testId="recent" />}
      {hot.length > 0 && <ServiceSection title={t('pages.hall.hot')} services={hot} testId="hot" />}
      {categories.map((category) => (
        <ServiceSection key={category.id} title={category.name} services={category.services} />
      ))}
    </>
  );
}

function ServiceSection({ title, services, testId, children }: { title: string; services: CatalogServiceDto[]; testId?: string; children?: ReactNode }) {
  return (
    <section className="hall-page__category" aria-label={title} data-testid={testId}>
      <List header={<h2 className="hall-page__category-name">{title}</h2>}>
        {/* antd-mobile's list is drawn with divs: the roles make it a list for screen readers ("list, 5 items"). */}
        {services.length > 0 && (
          <div role="list">
            {services.map((service) => (
              <div role="listitem" key={service.id}>
                <List.Item className="service-item" prefix={<ServiceIcon icon={service.icon} />} description={service.departmentName} arrowIcon>
                  <Link className="service-item__link" to={`/services/${encodeURIComponent(service.code)}`}>
                    {service.name}
                  </Link>
                </List.Item>
              </div>
            ))}
          </div>
        )}
      </List>
      {children}
    </section>
  );
}

import { useEffect, useState } from 'react';
import { List, SearchBar } from 'antd-mobile';
import { Link, useSearchParams } from 'react-router';
import { limits } from '@onehall/contracts';
import { hallApi } from '../api/hall-api.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { LoadError, PageLoading } from '../components/load-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ServiceIcon } from '../components/service-icon.tsx';
import { useLoad } from '../hooks/use-load.ts';

const SEARCH_DELAY_MS = 300;

/**
 * 我的服务: the catalog by category, with a search box. The query lives in the
 * address (?q=) so that coming back from a service shows the same results.
 */
export default function HallPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const query = searchParams.get('q') ?? '';
  const [text, setText] = useState(query);
  const catalog = useLoad(() => hallApi.getCatalog(query), [query]);

  // Search while typing, once the person pauses.
  useEffect(() => {
    if (text.trim() === query) return;
    const timer = window.setTimeout(() => search(text), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [text, query]);

  function search(value: string) {
    const q = value.trim();
    setSearchParams(q ? { q } : {}, { replace: true });
  }

  const categories = catalog.data?.categories.filter((category) => category.services.length > 0) ?? [];

  return (
    <div className="hall-page">
      <PageHeader title="我的服务" />
      <div className="hall-page__search">
        <SearchBar
          placeholder="搜索服务名称"
          value={text}
          onChange={setText}
          onSearch={search}
          onClear={() => search('')}
          maxLength={limits.searchMaxLength}
        />
      </div>
      {catalog.loading && !catalog.data && <PageLoading />}
      {catalog.error != null && <LoadError error={catalog.error} onRetry={catalog.reload} />}
      {catalog.data && categories.length === 0 && (
        <EmptyState title={query ? '没有找到相关服务' : '暂无服务'} description={query ? '换个关键词试试' : undefined} />
      )}
      {categories.map((category) => (
        <section key={category.id} className="hall-page__category" aria-label={category.name}>
          <List header={<h2 className="hall-page__category-name">{category.name}</h2>}>
            {category.services.map((service) => (
              <List.Item
                key={service.id}
                className="service-item"
                prefix={<ServiceIcon icon={service.icon} />}
                description={service.departmentName}
                arrowIcon
              >
                <Link className="service-item__link" to={`/services/${encodeURIComponent(service.code)}`}>
                  {service.name}
                </Link>
              </List.Item>
            ))}
          </List>
        </section>
      ))}
    </div>
  );
}

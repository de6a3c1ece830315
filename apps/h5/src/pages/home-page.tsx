import { Skeleton, Swiper } from 'antd-mobile';
import { Link, useNavigate } from 'react-router';
import type { BannerDto } from '@onehall/contracts';
import { hallApi } from '../api/hall-api.ts';
import { LoadError } from '../components/load-state.tsx';
import { MessageBell } from '../components/message-bell.tsx';
import { MyCorner } from '../components/my-corner.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { t } from '../i18n/translate.ts';
import { safeNextPath } from '../lib/safe-next.ts';
import { useMe } from '../session/session-store.ts';

/** 首页: the banners and the big "要办事到大厅" entry, both leading into the hall. */
export default function HomePage() {
  const me = useMe();
  const navigate = useNavigate();
  const home = useLoad(() => hallApi.getHome(), []);

  function open(banner: BannerDto) {
    const path = safeNextPath(banner.link);
    if (path) void navigate(path);
    else if (/^https?:\/\//.test(banner.link)) window.location.assign(banner.link);
  }

  return (
    <div className="home-page">
      <header className="home-page__header">
        <div>
          <h1 className="home-page__title">{t('pages.hallTitle')}</h1>
          {me && <p className="home-page__greeting">{t('pages.home.greeting', { name: me.name })}</p>}
        </div>
        {me && (
          <div className="home-page__corner">
            <MessageBell />
            <MyCorner me={me} />
          </div>
        )}
      </header>

      <section className="home-page__banners" aria-label={t('pages.home.banners')}>
        {home.loading && !home.data && <Skeleton animated className="home-page__banner-skeleton" />}
        {home.error != null && <LoadError error={home.error} onRetry={home.reload} />}
        {home.data && home.data.banners.length > 0 && (
          <Swiper autoplay loop autoplayInterval={4000} className="banner-swiper">
            {home.data.banners.map((banner) => (
              <Swiper.Item key={banner.id}>
                <div
                  className="banner"
                  data-testid="banner"
                  role="link"
                  tabIndex={0}
                  aria-label={banner.title}
                  onClick={() => open(banner)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') open(banner);
                  }}
                >
                  <img className="banner__image" src={banner.imageUrl} alt={banner.title} draggable={false} />
                </div>
              </Swiper.Item>
            ))}
          </Swiper>
        )}
      </section>

      <Link to="/hall" className="hall-entry" data-testid="hall-entry">
        <img className="hall-entry__image" src="/hall-entry.svg" alt={t('pages.home.hallEntry')} width="358" height="160" />
      </Link>
    </div>
  );
}

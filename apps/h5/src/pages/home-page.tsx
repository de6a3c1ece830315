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

/**
 * The hall's building on the 要办事到大厅 card: drawn in the page (no image
 * file to fetch and no image document to lay out), beside words in the
 * page's language.
 */
function HallBuilding() {
  return (
    <svg className="hall-entry__art" viewBox="-6 0 252 216" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id="hall-entry-door" x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor="#4aa3ff" />
          <stop offset="1" stopColor="#1677ff" />
        </linearGradient>
      </defs>
      <path d="M120 0 0 56v16h240V56L120 0Z" fill="#1677ff" />
      <rect x="20" y="84" width="22" height="112" rx="3" fill="#69b1ff" />
      <rect x="198" y="84" width="22" height="112" rx="3" fill="#69b1ff" />
      <rect x="70" y="92" width="100" height="104" rx="50" fill="url(#hall-entry-door)" />
      <path d="M106 146h30m-12-12 12 12-12 12" stroke="#fff" strokeWidth="6" fill="none" strokeLinecap="round" strokeLinejoin="round" />
      <rect x="-6" y="200" width="252" height="16" rx="4" fill="#1677ff" />
    </svg>
  );
}

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
        <span className="hall-entry__text">
          <strong className="hall-entry__title">{t('pages.home.hallEntry')}</strong>
          <span className="hall-entry__hint">{t('pages.home.hallEntryHint')}</span>
          <span className="hall-entry__action">{t('pages.home.hallEntryAction')}</span>
        </span>
        <HallBuilding />
      </Link>
    </div>
  );
}

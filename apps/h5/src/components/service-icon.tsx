import type { FC, SVGProps } from 'react';
import { AppstoreOutline } from 'antd-mobile-icons';
import { LazyModule, useLazyModule } from '../hooks/use-lazy-module.ts';

type Glyph = FC<SVGProps<SVGSVGElement>>;

/*
 * Each glyph is fetched when a service with it is shown (about 1 kB each,
 * 10 kB for all of them): the tinted square is drawn at once, at its final
 * size, and the glyph, which is decoration (aria-hidden), follows.
 */
const glyph = (fetch: () => Promise<{ default: Glyph }>) => new LazyModule(() => fetch().then((m) => m.default));

/** A service's `icon` is a short name chosen by its owner; unknown names get the generic icon. */
const icons: Record<string, { glyph: LazyModule<Glyph>; color: string }> = {
  globe: { glyph: glyph(() => import('antd-mobile-icons/es/GlobalOutline.js')), color: '#1677ff' },
  calendar: { glyph: glyph(() => import('antd-mobile-icons/es/CalendarOutline.js')), color: '#fa8c16' },
  building: { glyph: glyph(() => import('antd-mobile-icons/es/EnvironmentOutline.js')), color: '#13a8a8' },
  file: { glyph: glyph(() => import('antd-mobile-icons/es/FileOutline.js')), color: '#2f54eb' },
  mail: { glyph: glyph(() => import('antd-mobile-icons/es/MailOutline.js')), color: '#eb2f96' },
  vpn: { glyph: glyph(() => import('antd-mobile-icons/es/LockOutline.js')), color: '#52c41a' },
  key: { glyph: glyph(() => import('antd-mobile-icons/es/KeyOutline.js')), color: '#722ed1' },
  card: { glyph: glyph(() => import('antd-mobile-icons/es/BankcardOutline.js')), color: '#faad14' },
  user: { glyph: glyph(() => import('antd-mobile-icons/es/UserOutline.js')), color: '#1677ff' },
  team: { glyph: glyph(() => import('antd-mobile-icons/es/TeamOutline.js')), color: '#13a8a8' },
  phone: { glyph: glyph(() => import('antd-mobile-icons/es/PhonebookOutline.js')), color: '#52c41a' },
  truck: { glyph: glyph(() => import('antd-mobile-icons/es/TruckOutline.js')), color: '#fa541c' },
  money: { glyph: glyph(() => import('antd-mobile-icons/es/PayCircleOutline.js')), color: '#f5222d' },
};

// The generic icon is drawn at once: the tab bar has it anyway.
const fallback = { glyph: LazyModule.of<Glyph>(AppstoreOutline), color: '#1677ff' };

export function ServiceIcon({ icon }: { icon: string }) {
  const { glyph, color } = icons[icon] ?? fallback;
  const Glyph = useLazyModule(glyph, true);
  return (
    <span className="service-icon" style={{ color, backgroundColor: `${color}14` }} aria-hidden="true">
      {Glyph && <Glyph />}
    </span>
  );
}

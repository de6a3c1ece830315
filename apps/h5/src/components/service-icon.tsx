import {
  AppstoreOutline,
  BankcardOutline,
  CalendarOutline,
  EnvironmentOutline,
  FileOutline,
  GlobalOutline,
  KeyOutline,
  LockOutline,
  MailOutline,
  PayCircleOutline,
  PhonebookOutline,
  TeamOutline,
  TruckOutline,
  UserOutline,
} from 'antd-mobile-icons';

/** A service's `icon` is a short name chosen by its owner; unknown names get the generic icon. */
const icons: Record<string, { Icon: typeof AppstoreOutline; color: string }> = {
  globe: { Icon: GlobalOutline, color: '#1677ff' },
  calendar: { Icon: CalendarOutline, color: '#fa8c16' },
  building: { Icon: EnvironmentOutline, color: '#13a8a8' },
  file: { Icon: FileOutline, color: '#2f54eb' },
  mail: { Icon: MailOutline, color: '#eb2f96' },
  vpn: { Icon: LockOutline, color: '#52c41a' },
  key: { Icon: KeyOutline, color: '#722ed1' },
  card: { Icon: BankcardOutline, color: '#faad14' },
  user: { Icon: UserOutline, color: '#1677ff' },
  team: { Icon: TeamOutline, color: '#13a8a8' },
  phone: { Icon: PhonebookOutline, color: '#52c41a' },
  truck: { Icon: TruckOutline, color: '#fa541c' },
  money: { Icon: PayCircleOutline, color: '#f5222d' },
};

const fallback = { Icon: AppstoreOutline, color: '#1677ff' };

export function ServiceIcon({ icon }: { icon: string }) {
  const { Icon, color } = icons[icon] ?? fallback;
  return (
    <span className="service-icon" style={{ color, backgroundColor: `${color}14` }} aria-hidden="true">
      <Icon />
    </span>
  );
}

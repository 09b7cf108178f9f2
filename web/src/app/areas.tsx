// The console's areas: one list drives the side navigation, the route guards and the
// home page's shortcuts, so a menu entry can never point at a page the operator may not open.
import {
  ApartmentOutlined,
  AppstoreOutlined,
  BarChartOutlined,
  FileSearchOutlined,
  GiftOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  ShoppingCartOutlined,
  TeamOutlined,
  UserOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import type { Area, NavKey } from './area.ts';

export type { Area, NavKey } from './area.ts';

import { settingsAreas } from '../pages/settings/areas.tsx';
import { valueAreas } from '../pages/value/areas.tsx';

export const areas: Area[] = [
  { key: 'home', path: '/', icon: <HomeOutlined />, anyOf: [], built: true },
  { key: 'members', path: '/members', icon: <TeamOutlined />, anyOf: ['members.read'], built: true },
  { key: 'till', path: '/till', icon: <ShoppingCartOutlined />, anyOf: ['checkout.sell'], built: false },
  {
    key: 'value',
    path: '/value',
    icon: <WalletOutlined />,
    anyOf: ['ledger.read', 'ledger.recharge', 'reports.read', 'catalog.read'],
    built: true,
    children: valueAreas,
  },
  { key: 'catalog', path: '/catalog', icon: <AppstoreOutlined />, anyOf: ['catalog.read'], built: false },
  { key: 'marketing', path: '/marketing', icon: <GiftOutlined />, anyOf: ['marketing.read'], built: false },
  { key: 'reports', path: '/reports', icon: <BarChartOutlined />, anyOf: ['reports.read'], built: false },
  {
    key: 'organisation',
    path: '/org',
    icon: <ApartmentOutlined />,
    anyOf: ['org.read', 'operators.read', 'roles.read'],
    built: true,
    children: [
      { key: 'orgUnits', path: '/org/units', icon: <ApartmentOutlined />, anyOf: ['org.read'], built: true },
      {
        key: 'operators',
        path: '/org/operators',
        icon: <UserOutlined />,
        anyOf: ['operators.read'],
        built: true,
      },
      {
        key: 'roles',
        path: '/org/roles',
        icon: <SafetyCertificateOutlined />,
        anyOf: ['roles.read'],
        built: true,
      },
    ],
  },
  {
    key: 'settings',
    path: '/settings',
    icon: <SettingOutlined />,
    anyOf: ['settings.write'],
    built: true,
    children: settingsAreas,
  },
  { key: 'audit', path: '/audit', icon: <FileSearchOutlined />, anyOf: ['audit.read'], built: true },
];

export function allowed(area: Area, canAny: (permissions: readonly string[]) => boolean): boolean {
  return area.anyOf.length === 0 || canAny(area.anyOf);
}

/** The areas (and sub-areas) the operator may open, in menu order. */
export function visibleAreas(canAny: (permissions: readonly string[]) => boolean): Area[] {
  return areas
    .filter((area) => allowed(area, canAny))
    .map((area) =>
      area.children ? { ...area, children: area.children.filter((child) => allowed(child, canAny)) } : area,
    );
}

export function findArea(key: NavKey): Area | undefined {
  for (const area of areas) {
    if (area.key === key) return area;
    const child = area.children?.find((c) => c.key === key);
    if (child) return child;
  }
  return undefined;
}

// The side navigation: only the areas the operator's permissions open.
import { Menu, type MenuProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { type Area, visibleAreas } from '../app/areas.tsx';
import { useSession } from '../app/session.tsx';

type MenuItem = Required<MenuProps>['items'][number];

/** The menu key for a path: the deepest area whose path starts it. */
function selectedKey(pathname: string, list: Area[]): string {
  if (pathname === '/') return '/';
  let best = '';
  for (const area of list.flatMap((a) => [a, ...(a.children ?? [])])) {
    if (area.path !== '/' && pathname.startsWith(area.path) && area.path.length > best.length)
      best = area.path;
  }
  return best;
}

export function NavMenu() {
  const { t } = useTranslation();
  const { canAny } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const list = useMemo(() => visibleAreas(canAny), [canAny]);

  const items: MenuItem[] = list.map((area) =>
    area.children
      ? {
          key: area.path,
          icon: area.icon,
          label: t(`nav.${area.key}`),
          children: area.children.map((child) => ({ key: child.path, label: t(`nav.${child.key}`) })),
        }
      : { key: area.path, icon: area.icon, label: t(`nav.${area.key}`) },
  );
  const selected = selectedKey(pathname, list);
  const parent = list.find((area) => area.children?.some((c) => c.path === selected));

  return (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={[selected]}
      defaultOpenKeys={parent ? [parent.path] : []}
      onClick={({ key }) => void navigate(key)}
    />
  );
}

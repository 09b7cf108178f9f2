// The settings area's client routes, spread into the shell's routes (app/router.tsx).
import type { RouteObject } from 'react-router';
import { findArea, type NavKey } from '../../app/areas.tsx';
import { RequireArea } from '../../app/guards.tsx';
import { SettingsIndexRedirect } from './SettingsIndexRedirect.tsx';

function guardedPage(key: NavKey, lazy: RouteObject['lazy']): RouteObject {
  const area = findArea(key);
  if (!area) throw new Error(`unknown area ${key}`);
  return {
    path: area.path.slice(1),
    element: <RequireArea area={area} />,
    children: [{ index: true, lazy }],
  };
}

export const settingsRoutes: RouteObject[] = [
  { path: 'settings', element: <SettingsIndexRedirect /> },
  guardedPage('cardTypes', async () => ({
    Component: (await import('./card-types/CardTypesPage.tsx')).CardTypesPage,
  })),
  guardedPage('memberFields', async () => ({
    Component: (await import('./member-fields/MemberFieldsPage.tsx')).MemberFieldsPage,
  })),
];

// Client routes. Pages load on demand, one chunk per area; each guarded route shows a
// "no access" page rather than failing on the server's 403.
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { AppLayout } from '../layout/AppLayout.tsx';
import { ComingSoonPage } from '../pages/coming-soon/ComingSoonPage.tsx';
import { NotFoundPage } from '../pages/errors/NotFoundPage.tsx';
import { HomePage } from '../pages/home/HomePage.tsx';
import { LoginPage } from '../pages/login/LoginPage.tsx';
import { memberRoutes } from '../pages/members/routes.tsx';
import { settingsRoutes } from '../pages/settings/routes.tsx';
import { valueRoutes } from '../pages/value/routes.tsx';
import { areas, findArea } from './areas.tsx';
import { FullPageSpin, RequireArea, RequireSession } from './guards.tsx';
import { OrgIndexRedirect } from './OrgIndexRedirect.tsx';

const comingSoon: RouteObject[] = areas
  .filter((area) => !area.built)
  .map((area) => ({
    path: area.path.slice(1),
    element: (
      <RequireArea area={area}>
        <ComingSoonPage area={area.key} />
      </RequireArea>
    ),
  }));

function guarded(key: Parameters<typeof findArea>[0], lazy: RouteObject['lazy']): RouteObject {
  const area = findArea(key);
  if (!area) throw new Error(`unknown area ${key}`);
  return {
    path: area.path.slice(1),
    element: <RequireArea area={area} />,
    children: [{ index: true, lazy }],
  };
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    hydrateFallbackElement: <FullPageSpin />,
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <HomePage /> },
      ...comingSoon,
      { path: 'org', element: <OrgIndexRedirect /> },
      ...valueRoutes,
      ...memberRoutes,
      ...settingsRoutes,
      guarded('orgUnits', async () => ({
        Component: (await import('../pages/org/units/UnitsPage.tsx')).UnitsPage,
      })),
      guarded('operators', async () => ({
        Component: (await import('../pages/org/operators/OperatorsPage.tsx')).OperatorsPage,
      })),
      guarded('roles', async () => ({
        Component: (await import('../pages/org/roles/RolesPage.tsx')).RolesPage,
      })),
      guarded('audit', async () => ({ Component: (await import('../pages/audit/AuditPage.tsx')).AuditPage })),
      { path: 'home', element: <Navigate to="/" replace /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

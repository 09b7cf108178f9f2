// The value area's client routes, spread into the shell's routes (app/router.tsx). Each
// page loads on demand and sits behind its area's guard.
import type { RouteObject } from 'react-router';
import { findArea, type NavKey } from '../../app/areas.tsx';
import { RequireArea } from '../../app/guards.tsx';
import { ValueIndexRedirect } from './ValueIndexRedirect.tsx';

function guardedPage(key: NavKey, lazy: RouteObject['lazy'], extra: RouteObject[] = []): RouteObject {
  const area = findArea(key);
  if (!area) throw new Error(`unknown area ${key}`);
  return {
    path: area.path.slice(1),
    element: <RequireArea area={area} />,
    children: [{ index: true, lazy }, ...extra],
  };
}

export const valueRoutes: RouteObject[] = [
  { path: 'value', element: <ValueIndexRedirect /> },
  guardedPage(
    'valueMembers',
    async () => ({ Component: (await import('./member/MemberLookupPage.tsx')).MemberLookupPage }),
    [
      {
        path: ':memberId',
        lazy: async () => ({ Component: (await import('./member/MemberValuePage.tsx')).MemberValuePage }),
      },
    ],
  ),
  guardedPage('rechargeRules', async () => ({
    Component: (await import('./recharge-rules/RechargeRulesPage.tsx')).RechargeRulesPage,
  })),
  guardedPage('batchRecharge', async () => ({
    Component: (await import('./batch/BatchRechargePage.tsx')).BatchRechargePage,
  })),
  guardedPage('liability', async () => ({
    Component: (await import('./liability/LiabilityPage.tsx')).LiabilityPage,
  })),
  guardedPage('points', async () => ({ Component: (await import('./points/PointsPage.tsx')).PointsPage })),
  guardedPage('gifts', async () => ({ Component: (await import('./gifts/GiftsPage.tsx')).GiftsPage })),
  guardedPage('packageProducts', async () => ({
    Component: (await import('./packages/PackageProductsPage.tsx')).PackageProductsPage,
  })),
];

// The member area's routes: the list, follow-ups due, the import wizard and one member's page.
// Pages load on demand; the import needs its own permission beyond the area's.
import type { ReactNode } from 'react';
import { Outlet, type RouteObject } from 'react-router';
import { findArea } from '../../app/areas.tsx';
import { Forbidden, RequireArea } from '../../app/guards.tsx';
import { useSession } from '../../app/session.tsx';

function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { can } = useSession();
  return can(permission) ? children : <Forbidden />;
}

function membersArea() {
  const area = findArea('members');
  if (!area) throw new Error('the members area is missing');
  return area;
}

export const memberRoutes: RouteObject[] = [
  {
    path: 'members',
    element: <RequireArea area={membersArea()} />,
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./list/MembersPage.tsx')).MembersPage }),
      },
      {
        path: 'follow-ups',
        lazy: async () => ({
          Component: (await import('./follow-ups/FollowUpsDuePage.tsx')).FollowUpsDuePage,
        }),
      },
      {
        path: 'import',
        element: (
          <RequirePermission permission="members.import">
            <Outlet />
          </RequirePermission>
        ),
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('./import/ImportPage.tsx')).ImportPage }),
          },
        ],
      },
      {
        path: ':id',
        lazy: async () => ({ Component: (await import('./detail/MemberDetailPage.tsx')).MemberDetailPage }),
      },
    ],
  },
];

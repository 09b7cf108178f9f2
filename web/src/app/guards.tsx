// Gates for the shell: a session must exist, and an area needs one of its permissions.

import { useQueryClient } from '@tanstack/react-query';
import { Result, Spin } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { isApiError, setCsrfToken, setUnauthenticatedHandler } from '../api/client.ts';
import { problemText } from '../api/problems.ts';
import { type Area, allowed } from './areas.tsx';
import { SessionProvider, useMeQuery, useSession } from './session.tsx';

const sessionGone = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED']);

export function FullPageSpin() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
      <Spin size="large" />
    </div>
  );
}

export function RequireSession({ children }: { children: ReactNode }) {
  const me = useMeQuery();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();

  useEffect(() => {
    // Any call that finds the session gone (expired, revoked elsewhere) lands on the login page.
    // Leave the shell first and only then drop the cache, so nothing still mounted refetches
    // (and fails again) in between.
    let leaving = false;
    setUnauthenticatedHandler(async () => {
      if (leaving) return;
      leaving = true;
      setCsrfToken(null);
      await navigate('/login', { replace: true, state: { from: `${location.pathname}${location.search}` } });
      queryClient.clear();
    });
    return () => setUnauthenticatedHandler(null);
  }, [navigate, location.pathname, location.search, queryClient]);

  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    if (isApiError(me.error) && sessionGone.has(me.error.code)) {
      return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
    }
    return <Result status="error" title={problemText(me.error)} style={{ marginTop: 80 }} />;
  }
  return <SessionProvider operator={me.data.operator}>{children}</SessionProvider>;
}

export function Forbidden() {
  const { t } = useTranslation();
  return <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('errors.forbidden')} />;
}

/** Renders the area (children, or the nested route) only for operators allowed into it. */
export function RequireArea({ area, children }: { area: Area; children?: ReactNode }) {
  const { canAny } = useSession();
  if (!allowed(area, canAny)) return <Forbidden />;
  return children ?? <Outlet />;
}

// /settings opens the first settings page the operator may see.
import { Navigate } from 'react-router';
import { visibleAreas } from '../../app/areas.tsx';
import { Forbidden } from '../../app/guards.tsx';
import { useSession } from '../../app/session.tsx';

export function SettingsIndexRedirect() {
  const { canAny } = useSession();
  const first = visibleAreas(canAny).find((area) => area.key === 'settings')?.children?.[0];
  return first ? <Navigate to={first.path} replace /> : <Forbidden />;
}

// /org opens the first organisation page the operator may see.
import { Navigate } from 'react-router';
import { findArea, visibleAreas } from './areas.tsx';
import { Forbidden } from './guards.tsx';
import { useSession } from './session.tsx';

export function OrgIndexRedirect() {
  const { canAny } = useSession();
  const org = visibleAreas(canAny).find((area) => area.key === 'organisation');
  const first = org?.children?.[0] ?? (org ? findArea('orgUnits') : undefined);
  return first ? <Navigate to={first.path} replace /> : <Forbidden />;
}

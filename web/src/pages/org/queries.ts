// Reads shared by the organisation pages (units, roles, permissions), with their cache keys.
import { useQuery } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../../api/client.ts';

export type OrgUnit = Schemas['OrgUnit'];
export type Role = Schemas['Role'];
export type Operator = Schemas['Operator'];

export const orgKeys = {
  units: ['org', 'units'] as const,
  roles: ['org', 'roles'] as const,
  permissions: ['org', 'permissions'] as const,
  operators: ['org', 'operators'] as const,
};

export function useUnits(enabled = true) {
  return useQuery({
    queryKey: orgKeys.units,
    queryFn: async () => (await unwrap(api.GET('/api/v1/org/units'))).items,
    enabled,
  });
}

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: orgKeys.roles,
    queryFn: async () => (await unwrap(api.GET('/api/v1/org/roles'))).items,
    enabled,
  });
}

export function usePermissions() {
  return useQuery({
    queryKey: orgKeys.permissions,
    queryFn: async () => (await unwrap(api.GET('/api/v1/org/permissions'))).items,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

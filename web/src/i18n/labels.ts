// Names the server sends as codes (system roles, permissions, audit actions) shown in the
// current language; anything the catalogue does not know yet is shown as sent.
import { translateDynamic } from './index.ts';

/** Built-in roles are named by their code in the console's language; custom ones by their name. */
export function roleLabel(role: {
  name?: string;
  roleName?: string;
  systemCode?: string | null;
  roleCode?: string | null;
}): string {
  const code = role.systemCode ?? role.roleCode ?? null;
  const name = role.name ?? role.roleName ?? '';
  return code ? translateDynamic(`systemRoles.${code}`, name) : name;
}

export function roleDescription(role: { systemCode: string | null; description: string | null }): string {
  if (role.systemCode)
    return translateDynamic(`systemRoleDescriptions.${role.systemCode}`, role.description ?? '');
  return role.description ?? '';
}

/** `members.read` lives at permissions.members.read in the catalogue. */
export function permissionLabel(permission: string): string {
  return translateDynamic(`permissions.${permission}`, permission);
}

export function permissionGroupLabel(group: string): string {
  return translateDynamic(`permissionGroups.${group}`, group);
}

export function auditActionLabel(action: string): string {
  return translateDynamic(`auditActions.${action}`, action);
}

export function entityTypeLabel(entityType: string): string {
  return translateDynamic(`entityTypes.${entityType}`, entityType);
}

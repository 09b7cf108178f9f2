// Permissions grouped by area (the part before the dot), each with a "select all" box.
import { Checkbox, Col, Flex, Row, Typography, theme } from 'antd';
import { permissionGroupLabel, permissionLabel } from '../../../i18n/labels.ts';

/** ['members.read', 'members.write', 'cards.read'] → [['members', [...]], ['cards', [...]]], in server order. */
export function groupPermissions(permissions: readonly string[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const permission of permissions) {
    const group = permission.split('.')[0] ?? permission;
    groups.set(group, [...(groups.get(group) ?? []), permission]);
  }
  return [...groups];
}

export function PermissionChecklist({
  permissions,
  value = [],
  onChange,
  disabled,
}: {
  permissions: readonly string[];
  value?: string[];
  onChange?: (value: string[]) => void;
  disabled?: boolean;
}) {
  const { token } = theme.useToken();
  const chosen = new Set(value);
  const set = (names: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const name of names) {
      if (on) next.add(name);
      else next.delete(name);
    }
    // Keep the server's order so saved roles read the same way every time.
    onChange?.(permissions.filter((p) => next.has(p)));
  };

  return (
    <Row gutter={[12, 12]}>
      {groupPermissions(permissions).map(([group, names]) => {
        const count = names.filter((n) => chosen.has(n)).length;
        return (
          <Col key={group} xs={24} md={12}>
            <div
              style={{
                height: '100%',
                border: `1px solid ${token.colorBorderSecondary}`,
                borderRadius: token.borderRadius,
                padding: '8px 12px',
              }}
            >
              <Checkbox
                checked={count === names.length}
                indeterminate={count > 0 && count < names.length}
                disabled={disabled}
                onChange={(e) => set(names, e.target.checked)}
              >
                <Typography.Text strong>{permissionGroupLabel(group)}</Typography.Text>
              </Checkbox>
              <Flex vertical gap={4} style={{ marginTop: 6, paddingLeft: 24 }}>
                {names.map((name) => (
                  <Checkbox
                    key={name}
                    checked={chosen.has(name)}
                    disabled={disabled}
                    onChange={(e) => set([name], e.target.checked)}
                  >
                    {permissionLabel(name)}
                    <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
                      {name}
                    </Typography.Text>
                  </Checkbox>
                ))}
              </Flex>
            </div>
          </Col>
        );
      })}
    </Row>
  );
}

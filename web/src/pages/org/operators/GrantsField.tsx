// The list of {role, unit} grants inside the operator form.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Select, TreeSelect, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { roleLabel } from '../../../i18n/labels.ts';
import type { Role } from '../queries.ts';
import { type UnitNode, unitTreeOptions } from '../units/unit-tree.ts';

export function GrantsField({ roles, unitTree }: { roles: readonly Role[]; unitTree: UnitNode[] }) {
  const { t } = useTranslation();
  const roleOptions = roles.map((role) => ({ value: role.id, label: roleLabel(role) }));
  const unitOptions = useMemo(() => unitTreeOptions(unitTree, (u) => u.status === 'active'), [unitTree]);

  return (
    <Form.Item label={t('operators.grants')} extra={t('operators.grantsHelp')}>
      <Form.List name="grants">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.length === 0 && (
              <Typography.Text type="secondary">{t('operators.noGrants')}</Typography.Text>
            )}
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="flex-start">
                <Form.Item
                  name={[field.name, 'roleId']}
                  rules={[{ required: true }]}
                  messageVariables={{ label: t('operators.grantRole') }}
                  style={{ flex: 1, marginBottom: 0 }}
                >
                  <Select
                    options={roleOptions}
                    placeholder={t('operators.grantRole')}
                    aria-label={t('operators.grantRole')}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'unitId']}
                  rules={[{ required: true }]}
                  messageVariables={{ label: t('operators.grantUnit') }}
                  style={{ flex: 1, marginBottom: 0 }}
                >
                  <TreeSelect
                    treeData={unitOptions}
                    treeDefaultExpandAll
                    placeholder={t('operators.grantUnit')}
                    aria-label={t('operators.grantUnit')}
                  />
                </Form.Item>
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('operators.removeGrant')}
                  title={t('operators.removeGrant')}
                  onClick={() => remove(field.name)}
                />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} block>
              {t('operators.addGrant')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}

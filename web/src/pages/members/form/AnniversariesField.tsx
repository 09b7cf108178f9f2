// Anniversaries (a wedding day, the day a company was founded): a name and a date each.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Input } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

export function AnniversariesField() {
  const { t } = useTranslation();
  return (
    <Form.Item label={t('members.fields.anniversaries')}>
      <Form.List name="anniversaries">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="flex-start">
                <Form.Item
                  name={[field.name, 'name']}
                  rules={[{ required: true, whitespace: true }, { max: 40 }]}
                  messageVariables={{ label: t('members.form.anniversaryName') }}
                  style={{ flex: 1, marginBottom: 0 }}
                >
                  <Input
                    placeholder={t('members.form.anniversaryName')}
                    aria-label={t('members.form.anniversaryName')}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'date']}
                  rules={[{ required: true }]}
                  messageVariables={{ label: t('members.form.anniversaryDate') }}
                  getValueProps={(value: string | undefined) => ({ value: value ? dayjs(value) : null })}
                  normalize={(value: dayjs.Dayjs | null) => value?.format('YYYY-MM-DD')}
                  style={{ width: 170, marginBottom: 0 }}
                >
                  <DatePicker style={{ width: '100%' }} aria-label={t('members.form.anniversaryDate')} />
                </Form.Item>
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('common.delete')}
                  title={t('common.delete')}
                  onClick={() => remove(field.name)}
                />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} block>
              {t('members.form.addAnniversary')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}

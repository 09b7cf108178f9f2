// An audit entry opened up: request id and address, and the data before and after the change.
import { Col, Descriptions, Row, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client.ts';

export type AuditEntry = Schemas['AuditEntry'];

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <>
      <Typography.Text strong>{title}</Typography.Text>
      <pre
        style={{
          marginTop: 6,
          padding: 12,
          background: token.colorFillQuaternary,
          border: `1px solid ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadius,
          fontSize: 12,
          maxHeight: 320,
          overflow: 'auto',
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {value === null || value === undefined ? t('audit.noData') : JSON.stringify(value, null, 2)}
      </pre>
    </>
  );
}

export function AuditDetail({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  return (
    <div style={{ padding: '4px 8px' }}>
      <Descriptions
        size="small"
        column={3}
        items={[
          {
            key: 'id',
            label: t('audit.entryId'),
            children: <Typography.Text copyable>{entry.id}</Typography.Text>,
          },
          { key: 'requestId', label: t('audit.requestId'), children: entry.requestId ?? '—' },
          { key: 'ip', label: t('audit.ip'), children: entry.ip ?? '—' },
        ]}
        style={{ marginBottom: 12 }}
      />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <JsonBlock title={t('audit.before')} value={entry.before} />
        </Col>
        <Col xs={24} md={12}>
          <JsonBlock title={t('audit.after')} value={entry.after} />
        </Col>
      </Row>
    </div>
  );
}

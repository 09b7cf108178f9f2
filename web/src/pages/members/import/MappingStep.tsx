// The file's columns next to a few of their values, each with the member field it fills
// (suggested by the server from the header, changeable here), and the store for rows that
// name none.
import { Alert, Flex, Form, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session.tsx';
import type { ImportPreview } from '../queries.ts';

interface ColumnRow {
  header: string;
  index: number;
  samples: { row: number; text: string }[];
}

export function MappingStep({
  preview,
  mapping,
  onMappingChange,
  defaultStoreId,
  onStoreChange,
  problems,
}: {
  preview: ImportPreview;
  mapping: Record<string, string>;
  onMappingChange: (header: string, target: string) => void;
  defaultStoreId: string | undefined;
  onStoreChange: (storeId: string | undefined) => void;
  /** Server complaints about the mapping, by header. */
  problems: Record<string, string>;
}) {
  const { t } = useTranslation();
  const { operator } = useSession();
  const known = new Set(preview.targets.map((target) => target.target));
  const options = preview.targets.map(({ target, label }) => ({ value: target, label }));
  const unsupported = new Set(preview.unsupportedColumns);

  const rows: ColumnRow[] = preview.headers.map((header, index) => ({
    header,
    index,
    samples: preview.rows
      .map((row) => ({ row: row.row, text: row.cells[index] ?? '' }))
      .filter((cell) => cell.text !== '')
      .slice(0, 3),
  }));
  const columns: TableColumnsType<ColumnRow> = [
    {
      title: t('members.import.column'),
      dataIndex: 'header',
      width: 200,
      render: (header: string) => <Typography.Text strong>{header}</Typography.Text>,
    },
    {
      title: t('members.import.samples'),
      dataIndex: 'samples',
      render: (samples: ColumnRow['samples']) =>
        samples.length === 0 ? (
          <Typography.Text type="secondary">{t('members.import.noSamples')}</Typography.Text>
        ) : (
          <Flex gap={4} wrap>
            {samples.map((sample) => (
              <Tag key={sample.row} style={{ maxWidth: 180, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                {sample.text}
              </Tag>
            ))}
          </Flex>
        ),
    },
    {
      title: t('members.import.target'),
      key: 'target',
      width: 260,
      render: (_, row) => {
        const value = mapping[row.header] ?? 'ignore';
        const problem =
          problems[row.header] ??
          (unsupported.has(row.header) && value !== 'ignore'
            ? t('members.import.unsupportedHelp')
            : undefined);
        return (
          <Form.Item
            validateStatus={problem ? 'error' : undefined}
            help={problem}
            style={{ marginBottom: 0 }}
          >
            <Select
              value={value}
              onChange={(target: string) => onMappingChange(row.header, target)}
              showSearch={{ optionFilterProp: 'label' }}
              options={
                known.has(value)
                  ? options
                  : [...options, { value, label: t('members.import.unsupportedTarget'), disabled: true }]
              }
              aria-label={t('members.import.targetFor', { column: row.header })}
              data-testid={`mapping-${row.index}`}
              style={{ width: '100%' }}
            />
          </Form.Item>
        );
      },
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">
        {t('members.import.fileSummary', {
          file: preview.fileName,
          format: preview.format.toUpperCase(),
          columns: preview.headers.length,
        })}
        {preview.encoding ? ` · ${preview.encoding.toUpperCase()}` : ''}
      </Typography.Text>
      {preview.unsupportedColumns.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('members.import.unsupportedAlert', {
            columns: preview.unsupportedColumns.join(t('members.common.listSeparator')),
          })}
        />
      )}
      <Form layout="vertical" component="div">
        <Form.Item label={t('members.import.defaultStore')} extra={t('members.import.defaultStoreHelp')}>
          <Select
            value={defaultStoreId}
            onChange={(id?: string) => onStoreChange(id)}
            allowClear
            options={operator.stores.map((store) => ({ value: store.id, label: store.name }))}
            style={{ maxWidth: 320 }}
          />
        </Form.Item>
        <Table<ColumnRow>
          rowKey="index"
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={false}
        />
      </Form>
    </Flex>
  );
}

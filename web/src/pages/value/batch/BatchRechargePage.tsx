// Batch recharge (企业批量充值): members chosen by tag and store, or a pasted/uploaded list
// of "member, amount" rows. A dry run checks every row first; the real run then posts row by
// row in the background while this page polls the job for progress and the final report.
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Input, Radio, Select, Space, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { useReportProblem } from '../../../api/problems.ts';
import { useSession } from '../../../app/session.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { formatMoney } from '../../../format.ts';
import { TenderRadio, YuanInput } from '../fields.tsx';
import { useIdempotencyKey } from '../idempotency.ts';
import { yuanToFen } from '../money.ts';
import { type BatchJob, type Tender, tenders, useStoreNames } from '../queries.ts';
import { BatchReport } from './BatchReport.tsx';
import { parseRows } from './parse-rows.ts';

interface Values {
  source: 'filter' | 'rows';
  tag?: string;
  homeStoreId?: string;
  amount?: number;
  text?: string;
  tender: Tender;
  note?: string;
}

function requestBody(values: Values, dryRun: boolean) {
  const common = {
    tender: values.tender,
    dryRun,
    ...(values.note?.trim() ? { note: values.note.trim() } : {}),
  };
  if (values.source === 'rows') return { ...common, rows: parseRows(values.text ?? '').rows };
  return {
    ...common,
    amount: yuanToFen(values.amount ?? 0),
    filter: {
      ...(values.tag ? { tag: values.tag } : {}),
      ...(values.homeStoreId ? { homeStoreId: values.homeStoreId } : {}),
    },
  };
}

/** A job, polled every second until it has finished. */
function useJob(jobId: string | null) {
  return useQuery({
    queryKey: ['value', 'batch-job', jobId],
    queryFn: () => unwrap(api.GET('/api/v1/recharges/batch/{id}', { params: { path: { id: jobId ?? '' } } })),
    enabled: jobId !== null,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'succeeded' || status === 'failed' ? false : 1000;
    },
  });
}

export function BatchRechargePage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { modal } = App.useApp();
  const reportProblem = useReportProblem();
  const stores = useStoreNames();
  const [form] = Form.useForm<Values>();
  const source = Form.useWatch('source', form);
  const text = Form.useWatch('text', form);
  const parsed = useMemo(() => parseRows(text ?? ''), [text]);
  const [dryJobId, setDryJobId] = useState<string | null>(null);
  const [runJobId, setRunJobId] = useState<string | null>(null);
  const dryJob = useJob(dryJobId);
  const runJob = useJob(runJobId);
  const tags = useQuery({
    queryKey: ['value', 'member-tags'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/members/tags'))).items,
    enabled: can('members.read'),
  });

  const { keyFor } = useIdempotencyKey();
  const start = useMutation({
    // A double submit of the same batch reuses its key, so the server starts it only once.
    mutationFn: ({ values, dryRun }: { values: Values; dryRun: boolean }) => {
      const body = requestBody(values, dryRun);
      return unwrap(
        api.POST('/api/v1/recharges/batch', {
          body,
          params: { header: { 'idempotency-key': keyFor(body) } },
        }),
      );
    },
    onSuccess: (job: BatchJob) => (job.dryRun ? setDryJobId(job.id) : setRunJobId(job.id)),
    onError: (error) => reportProblem(error, form),
  });

  const dry = dryJob.data;
  const dryDone = dry?.status === 'succeeded' && dry.succeeded > 0;
  const locked = runJobId !== null || start.isPending;
  const okAmount = (dry?.results ?? [])
    .filter((r) => r.status === 'ok')
    .reduce((sum, r) => sum + r.amount, 0);

  const confirmRun = () =>
    modal.confirm({
      title: t('common.confirmTitle'),
      content: t('value.batch.runConfirm', { count: dry?.succeeded ?? 0, amount: formatMoney(okAmount) }),
      okText: t('value.batch.run'),
      onOk: () =>
        start.mutateAsync({ values: form.getFieldsValue(true), dryRun: false }).catch(() => undefined),
    });

  const startOver = () => {
    setDryJobId(null);
    setRunJobId(null);
    form.resetFields();
  };

  return (
    <>
      <PageHeader title={t('value.batch.title')} subtitle={t('value.batch.subtitle')} />
      <Card>
        <Form<Values>
          name="batchRecharge"
          form={form}
          layout="vertical"
          disabled={locked}
          initialValues={{ source: 'filter', tender: 'bank_card' }}
          // Any change makes the last dry run stale: the run must recharge what was checked.
          onValuesChange={() => setDryJobId(null)}
          onFinish={(values) => start.mutate({ values, dryRun: true })}
          style={{ maxWidth: 720 }}
        >
          <Form.Item name="source" label={t('value.batch.source')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'filter', label: t('value.batch.byFilter') },
                { value: 'rows', label: t('value.batch.byRows') },
              ]}
            />
          </Form.Item>
          {source === 'rows' ? (
            <Form.Item
              name="text"
              label={t('value.batch.rows')}
              extra={
                <Space orientation="vertical" size={0}>
                  <span>{t('value.batch.rowsHelp')}</span>
                  {parsed.rows.length > 0 && (
                    <span>{t('value.batch.parsed', { count: parsed.rows.length })}</span>
                  )}
                  {parsed.badLines.length > 0 && (
                    <Typography.Text type="danger">
                      {t('value.batch.parseErrors', {
                        count: parsed.badLines.length,
                        rows: parsed.badLines.slice(0, 10).join(', '),
                      })}
                    </Typography.Text>
                  )}
                </Space>
              }
              rules={[
                {
                  validator: async (_, value?: string) => {
                    if (parseRows(value ?? '').rows.length === 0)
                      throw new Error(t('value.batch.rowsRequired'));
                  },
                },
              ]}
            >
              <Input.TextArea
                rows={8}
                placeholder={t('value.batch.rowsPlaceholder')}
                style={{ fontFamily: 'monospace' }}
              />
            </Form.Item>
          ) : (
            <Flex gap={16} wrap>
              {can('members.read') && (
                <Form.Item name="tag" label={t('value.batch.tag')} style={{ minWidth: 200 }}>
                  <Select
                    allowClear
                    loading={tags.isPending}
                    options={(tags.data ?? []).map((tag) => ({
                      value: tag.tag,
                      label: `${tag.tag} (${tag.count})`,
                    }))}
                  />
                </Form.Item>
              )}
              <Form.Item name="homeStoreId" label={t('value.batch.homeStore')} style={{ minWidth: 200 }}>
                <Select allowClear options={stores.options} />
              </Form.Item>
              <Form.Item
                name="amount"
                label={t('value.batch.amountEach')}
                rules={[{ required: true, message: t('value.common.amountRequired') }]}
                style={{ minWidth: 200 }}
              >
                <YuanInput />
              </Form.Item>
            </Flex>
          )}
          {source === 'rows' && (
            <Upload
              accept=".csv,.txt"
              showUploadList={false}
              beforeUpload={(file) => {
                void file.text().then((content) => form.setFieldsValue({ text: content }));
                setDryJobId(null);
                return false;
              }}
            >
              <Button style={{ marginBottom: 16 }}>{t('value.batch.upload')}</Button>
            </Upload>
          )}
          <Form.Item name="tender" label={t('value.common.tender')}>
            <TenderRadio tenders={tenders} />
          </Form.Item>
          <Form.Item name="note" label={t('value.common.note')} rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
          <Flex gap={8}>
            <Button htmlType="submit" loading={start.isPending && !dryJobId}>
              {t('value.batch.dryRun')}
            </Button>
            <Button type="primary" disabled={!dryDone || locked} onClick={confirmRun}>
              {t('value.batch.run')}
            </Button>
          </Flex>
        </Form>
        {runJobId !== null &&
          runJob.data?.status !== 'queued' &&
          runJob.data?.status !== 'running' &&
          runJob.data && (
            <Button onClick={startOver} style={{ marginTop: 16 }}>
              {t('value.batch.again')}
            </Button>
          )}
      </Card>
      {runJob.data ? <BatchReport job={runJob.data} /> : dry && <BatchReport job={dry} />}
    </>
  );
}

// Importing members from a spreadsheet in three steps: upload the file and check how its
// columns map, run it dry to see every bad row, then import for real and read the summary.
// The file stays in the browser between steps and is sent again with each run.
import { ArrowLeftOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Card, Flex, Result, Spin, Steps, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../../api/client.ts';
import { useReportProblem } from '../../../api/problems.ts';
import { useSession } from '../../../app/session.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import type { ImportPreview } from '../queries.ts';
import { isFinished, previewImport, startImport, useImportJob } from './import-calls.ts';
import { JobProgress } from './JobProgress.tsx';
import { MappingStep } from './MappingStep.tsx';

type Step = 0 | 1 | 2;

/** IMPORT_MAPPING_INVALID names `mapping.<header>`; headers may hold dots, so no splitting. */
function mappingProblems(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  return Object.fromEntries(
    error.fields.filter((f) => f.field.startsWith('mapping.')).map((f) => [f.field.slice(8), f.message]),
  );
}

export function ImportPage() {
  const { t } = useTranslation();
  const reportProblem = useReportProblem();
  const { storeId } = useSession();
  const [step, setStep] = useState<Step>(0);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [defaultStoreId, setDefaultStoreId] = useState<string | undefined>(storeId ?? undefined);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [dryRunId, setDryRunId] = useState<string | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const dryRun = useImportJob(dryRunId);
  const realRun = useImportJob(importId);

  const previewing = useMutation({
    mutationFn: previewImport,
    onSuccess: (result) => {
      setPreview(result);
      setMapping(result.suggestedMapping);
      setProblems({});
      setDryRunId(null);
    },
    onError: (error) => {
      setFile(null);
      reportProblem(error);
    },
  });

  const starting = useMutation({
    mutationFn: (dry: boolean) =>
      startImport(file!, { dryRun: dry, mapping, ...(defaultStoreId ? { defaultStoreId } : {}) }),
    onSuccess: (job) => {
      setProblems({});
      if (job.dryRun) {
        setDryRunId(job.id);
        setStep(1);
      } else {
        setImportId(job.id);
        setStep(2);
      }
    },
    onError: (error) => {
      setProblems(mappingProblems(error));
      reportProblem(error);
    },
  });

  const restart = () => {
    setStep(0);
    setFile(null);
    setPreview(null);
    setDryRunId(null);
    setImportId(null);
  };
  const dryJob = dryRun.data;
  const realJob = realRun.data;

  return (
    <>
      <Link to="/members">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0, marginBottom: 8 }}>
          {t('members.detail.back')}
        </Button>
      </Link>
      <PageHeader title={t('members.import.title')} subtitle={t('members.import.subtitle')} />
      <Card>
        <Steps
          current={step}
          style={{ marginBottom: 24 }}
          items={[
            { title: t('members.import.steps.upload'), content: t('members.import.steps.uploadHelp') },
            { title: t('members.import.steps.check'), content: t('members.import.steps.checkHelp') },
            { title: t('members.import.steps.import'), content: t('members.import.steps.importHelp') },
          ]}
        />
        {step === 0 && (
          <Flex vertical gap={16}>
            <Spin spinning={previewing.isPending}>
              <div data-testid="import-upload">
                <Upload.Dragger
                  accept=".xlsx,.csv"
                  maxCount={1}
                  showUploadList={false}
                  beforeUpload={(chosen) => {
                    setFile(chosen);
                    previewing.mutate(chosen);
                    return false;
                  }}
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">{t('members.import.dropHere')}</p>
                  <p className="ant-upload-hint">{t('members.import.dropHint')}</p>
                </Upload.Dragger>
              </div>
            </Spin>
            {preview && file && (
              <>
                <MappingStep
                  preview={preview}
                  mapping={mapping}
                  onMappingChange={(header, target) => setMapping((prev) => ({ ...prev, [header]: target }))}
                  defaultStoreId={defaultStoreId}
                  onStoreChange={setDefaultStoreId}
                  problems={problems}
                />
                <Flex justify="flex-end">
                  <Button type="primary" loading={starting.isPending} onClick={() => starting.mutate(true)}>
                    {t('members.import.runDry')}
                  </Button>
                </Flex>
              </>
            )}
          </Flex>
        )}
        {step === 1 && (
          <Flex vertical gap={16}>
            {dryJob ? <JobProgress job={dryJob} /> : <Spin />}
            <Flex justify="space-between">
              <Button onClick={() => setStep(0)}>{t('members.import.backToMapping')}</Button>
              <Button
                type="primary"
                disabled={dryJob?.status !== 'succeeded'}
                loading={starting.isPending}
                onClick={() => starting.mutate(false)}
              >
                {dryJob && dryJob.errorRows > 0
                  ? t('members.import.importSkipping', { count: dryJob.errorRows })
                  : t('members.import.importNow')}
              </Button>
            </Flex>
          </Flex>
        )}
        {step === 2 && (
          <Flex vertical gap={16}>
            {realJob && isFinished(realJob) && realJob.status === 'succeeded' && (
              <Result
                status="success"
                title={t('members.import.doneTitle')}
                subTitle={t('members.import.doneSummary', {
                  created: realJob.createdRows,
                  updated: realJob.updatedRows,
                  errors: realJob.errorRows,
                })}
                extra={[
                  <Link key="members" to="/members">
                    <Button type="primary">{t('members.import.viewMembers')}</Button>
                  </Link>,
                  <Button key="again" onClick={restart}>
                    {t('members.import.another')}
                  </Button>,
                ]}
              />
            )}
            {realJob ? <JobProgress job={realJob} /> : <Spin />}
            {realJob?.status === 'failed' && (
              <Flex justify="flex-end">
                <Button onClick={restart}>{t('members.import.another')}</Button>
              </Flex>
            )}
          </Flex>
        )}
        {step === 0 && !preview && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
            {t('members.import.columnsHint')}
          </Typography.Paragraph>
        )}
      </Card>
    </>
  );
}

// Shapes of the import API: the options sent beside the file, a job, and a preview.
import { z } from 'zod';
import { entityId } from '../../../platform/http/schemas.ts';

/** The `options` multipart field, as JSON. */
export const importOptionsBody = z.strictObject({
  dryRun: z.boolean(),
  /** Header → target (`name`, `mobile`, …, `custom.<key>`, `ignore`); overrides the suggestion. */
  mapping: z.record(z.string().max(200), z.string().max(80)).optional(),
  /** Home store of rows that name none. */
  defaultStoreId: entityId.optional(),
});

export const importJobSchema = z
  .object({
    id: z.string(),
    kind: z.literal('members'),
    fileName: z.string(),
    dryRun: z.boolean(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed']),
    totalRows: z.number().nullable().describe('an estimate while running; exact once finished'),
    processedRows: z.number(),
    createdRows: z.number().describe('members created (in a dry run: that would be created)'),
    updatedRows: z.number().describe('existing members matched by member number or mobile and updated'),
    errorRows: z.number(),
    errors: z
      .array(z.object({ row: z.number(), column: z.string(), code: z.string(), message: z.string() }))
      .describe('the first 1,000 problems, by spreadsheet row number'),
    errorsTruncated: z.boolean(),
    failure: z.object({ code: z.string(), message: z.string() }).nullable(),
    mapping: z.record(z.string(), z.string()),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'MemberImportJob' });

export const importPreviewSchema = z
  .object({
    fileName: z.string(),
    format: z.enum(['xlsx', 'csv']),
    encoding: z.enum(['utf-8', 'gbk', 'utf-16le']).nullable(),
    headers: z.array(z.string()),
    rows: z.array(z.object({ row: z.number(), cells: z.array(z.string()) })),
    suggestedMapping: z.record(z.string(), z.string()),
    unsupportedColumns: z.array(z.string()),
    targets: z.array(z.object({ target: z.string(), label: z.string() })),
  })
  .meta({ id: 'MemberImportPreview' });

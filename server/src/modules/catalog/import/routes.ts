// The product import route: a multipart upload (`file`, `options`) answered at once with
// the counts and every row's errors. The multipart parser is registered in this plugin's
// own scope, as the member import does in its own, so the two never meet.
import fs from 'node:fs';
import fastifyMultipart from '@fastify/multipart';
import type { Locale } from '../../../config.ts';
import { callContext } from '../../../platform/auth/request-auth.ts';
import { AppError } from '../../../platform/errors.ts';
import { type RouteDeps, withProblems, type ZodApp } from '../../../platform/http/route-kit.ts';
import { describeIssue, type IssueLike } from '../../../platform/i18n/field-messages.ts';
import { receiveUpload } from '../../members/import/upload.ts';
import { productImportOptions, productImportResult } from '../schema.ts';
import { importProducts, maxImportRows } from './service.ts';

/** The `options` field checked against its schema; problems name `options.<field>`. */
function parseOptions(raw: string | undefined, locale: Locale) {
  let value: unknown;
  try {
    value = JSON.parse(raw ?? '');
  } catch {
    throw new AppError('VALIDATION_FAILED', {}, [
      { field: 'options', code: raw === undefined ? 'required' : 'invalid_json', message: '' },
    ]);
  }
  const parsed = productImportOptions.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw new AppError(
    'VALIDATION_FAILED',
    {},
    parsed.error.issues.map((issue) => ({
      field: ['options', ...issue.path.map(String)].join('.'),
      ...describeIssue(issue as unknown as IssueLike, locale),
    })),
  );
}

export function productImportRoutes(app: ZodApp, { database, config }: RouteDeps): void {
  const { db } = database;

  app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: config.importMaxBytes, files: 1, fields: 4, fieldSize: 64 * 1024, parts: 8 },
    });
    const routes = scope as unknown as ZodApp;

    routes.post(
      '/api/v1/products/import',
      {
        config: { permission: 'catalog.write' },
        schema: {
          tags: ['catalog'],
          summary:
            `Import products from .xlsx or .csv (UTF-8 or GBK), up to ${maxImportRows} rows: multipart \`file\` ` +
            'and `options` (JSON: {dryRun, storeId?}). A code already in the catalog updates that product. ' +
            'Answers the counts and every row error; a dry run writes nothing.',
          consumes: ['multipart/form-data'],
          response: withProblems({ 200: productImportResult }),
        },
      },
      async (request) => {
        const ctx = callContext(request);
        const upload = await receiveUpload(request, config.dataDir, config.importMaxBytes);
        try {
          return await importProducts(db, ctx, upload.path, parseOptions(upload.options, ctx.locale));
        } finally {
          await fs.promises.rm(upload.path, { force: true });
        }
      },
    );
  });
}

// HTTP routes for member imports: preview a file, start a job (dry run or real), follow it.
// Uploads are multipart; the multipart parser lives only in this plugin's scope.
import fs from 'node:fs';
import fastifyMultipart from '@fastify/multipart';
import { z } from 'zod';
import { callContext } from '../../../platform/auth/request-auth.ts';
import { type RouteDeps, withProblems, type ZodApp } from '../../../platform/http/route-kit.ts';
import { idParams } from '../../../platform/http/schemas.ts';
import { importsSettled, runInBackground } from './run.ts';
import { importJobSchema, importPreviewSchema } from './schema.ts';
import {
  createImportJob,
  getImportJob,
  listImportJobs,
  prepareImport,
  presentJob,
  previewImport,
} from './service.ts';
import { parseImportOptions, receiveUpload } from './upload.ts';

export function memberImportRoutes(app: ZodApp, { database, config }: RouteDeps): void {
  const { db } = database;
  const tags = ['members'];

  app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      // Past the limit busboy cuts the file short and marks it truncated; receiveUpload refuses it.
      throwFileSizeLimit: false,
      limits: { fileSize: config.importMaxBytes, files: 1, fields: 4, fieldSize: 256 * 1024, parts: 8 },
    });
    const routes = scope as unknown as ZodApp;
    // A graceful shutdown lets imports running in this process finish their batches.
    scope.addHook('onClose', () => importsSettled());

    routes.post(
      '/api/v1/members/import/preview',
      {
        config: { permission: 'members.import' },
        schema: {
          tags,
          summary: 'Headers, the first 20 rows and the suggested column mapping of a file (multipart `file`)',
          consumes: ['multipart/form-data'],
          response: withProblems({ 200: importPreviewSchema }),
        },
      },
      async (request) => {
        const ctx = callContext(request);
        const upload = await receiveUpload(request, config.dataDir, config.importMaxBytes);
        try {
          return await previewImport(db, ctx, upload.path, upload.fileName);
        } finally {
          await fs.promises.rm(upload.path, { force: true });
        }
      },
    );

    routes.post(
      '/api/v1/members/import',
      {
        config: { permission: 'members.import' },
        schema: {
          tags,
          summary:
            'Import members from .xlsx or .csv (UTF-8 or GBK): multipart `file` and `options` ' +
            '(JSON: {dryRun, mapping?, defaultStoreId?}). Answers 202 with the job; follow it with GET.',
          consumes: ['multipart/form-data'],
          response: withProblems({ 202: importJobSchema }),
        },
      },
      async (request, reply) => {
        const ctx = callContext(request);
        const upload = await receiveUpload(request, config.dataDir, config.importMaxBytes);
        let started = false;
        try {
          const options = parseImportOptions(upload.options, ctx.locale);
          const prepared = await prepareImport(db, ctx, upload.path, options);
          const job = await createImportJob(
            db,
            ctx,
            prepared,
            { name: upload.fileName, path: upload.path },
            options.dryRun,
          );
          runInBackground(db, ctx, job, prepared, {
            maxRows: config.importMaxRows,
            removeFile: true,
            onUnexpectedError: (error) =>
              request.log.error({ err: error, jobId: job.id }, 'member import failed'),
          });
          started = true;
          return reply.status(202).send(presentJob(job, ctx));
        } finally {
          if (!started) await fs.promises.rm(upload.path, { force: true });
        }
      },
    );

    routes.get(
      '/api/v1/members/import',
      {
        config: { permission: 'members.import' },
        schema: {
          tags,
          summary: 'Recent member imports (your own, or all for a merchant-wide importer)',
          response: withProblems({ 200: z.object({ items: z.array(importJobSchema) }) }),
        },
      },
      async (request) => ({ items: await listImportJobs(db, callContext(request)) }),
    );

    routes.get(
      '/api/v1/members/import/:id',
      {
        config: { permission: 'members.import' },
        schema: {
          tags,
          summary: 'An import job: status, progress, counts and the first errors',
          params: idParams,
          response: withProblems({ 200: importJobSchema }),
        },
      },
      async (request) => getImportJob(db, callContext(request), request.params.id),
    );
  });
}

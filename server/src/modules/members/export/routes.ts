// GET /api/v1/members/export: the filtered member list as an xlsx or CSV download.
import { z } from 'zod';
import { callContext } from '../../../platform/auth/request-auth.ts';
import { sendDownload } from '../../../platform/export/table.ts';
import { type RouteDeps, withProblems, type ZodApp } from '../../../platform/http/route-kit.ts';
import { memberExportQuery } from './schema.ts';
import { exportMembers } from './service.ts';

export function memberExportRoutes(app: ZodApp, { database }: RouteDeps): void {
  const { db } = database;
  app.get(
    '/api/v1/members/export',
    {
      config: { permission: 'members.export' },
      schema: {
        tags: ['members'],
        summary:
          'Download the members matching the list filters as xlsx or CSV (UTF-8 with BOM). ' +
          'Personal data is masked unless reveal=true and the caller holds members.pii; every export is audited.',
        querystring: memberExportQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
        response: withProblems({ 200: z.any().describe('the xlsx or CSV file, streamed') }),
      },
    },
    async (request, reply) => {
      const ctx = callContext(request);
      const download = await exportMembers(db, ctx, request.query);
      download.stream.on('error', (error) => request.log.error({ err: error }, 'member export failed'));
      return sendDownload(reply, download);
    },
  );
}

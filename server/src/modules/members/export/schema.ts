// The export's query: the member list's filters (without paging), the format and reveal.
import { z } from 'zod';
import { memberListQuery } from '../schema.ts';

export const memberExportQuery = memberListQuery.omit({ cursor: true, limit: true }).extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  reveal: z.enum(['true', 'false']).optional(),
});

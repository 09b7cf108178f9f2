// A cashier types the start of a name, a surname and the first given character (张伟):
// GET /api/v1/members?q={prefix}&limit=20.
import { memberListQuery } from '../../../server/src/modules/members/schema.ts';
import { listMembers } from '../../../server/src/modules/members/service.ts';
import type { Operation } from './types.ts';

const limit = 20;

export const searchByNamePrefix: Operation = {
  name: 'searchByNamePrefix',
  summary: `GET /api/v1/members?q={surname + first given character}&limit=${limit}`,
  targetP99Ms: 50,
  request: (member) => ({
    method: 'GET',
    path: `/api/v1/members?q=${encodeURIComponent(member.namePrefix)}&limit=${limit}`,
  }),
  verify(member, status, body) {
    if (status !== 200) return `expected 200, got ${status}`;
    const items = (body as { items?: Array<{ name: string }> }).items ?? [];
    if (items.length === 0) return `found nobody for ${member.namePrefix}`;
    if (items.some((item) => !item.name.startsWith(member.namePrefix))) return 'found a non-matching name';
    return undefined;
  },
  // The name_key range with the same order (newest first) and page size as the API, so both
  // return the same rows.
  baseline: (member, ctx) => [
    {
      text:
        'select m.* from members m where m.merchant_id = ? and m.name_key >= ? and m.name_key < ? ' +
        `order by m.id desc limit ${limit + 1}`,
      params: [ctx.merchantId, member.namePrefix, `${member.namePrefix}\u{10FFFF}`],
    },
  ],
  serviceCall: (db, ctx, member) =>
    listMembers(db, ctx, memberListQuery.parse({ q: member.namePrefix, limit })),
};

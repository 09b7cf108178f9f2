// A cashier types a member's full mobile number: GET /api/v1/members?q={mobile}.
import { memberListQuery } from '../../../server/src/modules/members/schema.ts';
import { listMembers } from '../../../server/src/modules/members/service.ts';
import type { Operation } from './types.ts';

export const lookupByPhone: Operation = {
  name: 'lookupByPhone',
  summary: 'GET /api/v1/members?q={11-digit mobile}',
  targetP99Ms: 5,
  request: (member) => ({ method: 'GET', path: `/api/v1/members?q=${member.mobile}` }),
  verify(member, status, body) {
    if (status !== 200) return `expected 200, got ${status}`;
    const items = (body as { items?: Array<{ id: string }> }).items ?? [];
    if (items.length !== 1 || items[0]!.id !== member.id) return `expected just ${member.id}`;
    return undefined;
  },
  // Equality on the unique (merchant, mobile) key.
  baseline: (member, ctx) => [
    {
      text: 'select m.* from members m where m.merchant_id = ? and m.mobile = ?',
      params: [ctx.merchantId, member.mobile],
    },
  ],
  serviceCall: (db, ctx, member) => listMembers(db, ctx, memberListQuery.parse({ q: member.mobile })),
};

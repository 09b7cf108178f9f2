// A cashier scans a member card: GET /api/v1/cards/{cardNo}.
import { getCard } from '../../../server/src/modules/cards/service.ts';
import type { Operation } from './types.ts';

export const lookupByCard: Operation = {
  name: 'lookupByCard',
  summary: 'GET /api/v1/cards/{cardNo}',
  targetP99Ms: 5,
  request: (member) => ({ method: 'GET', path: `/api/v1/cards/${member.cardNo}` }),
  verify(member, status, body) {
    if (status !== 200) return `expected 200, got ${status}`;
    const card = body as { cardNo?: string; memberId?: string };
    if (card.cardNo !== member.cardNo || card.memberId !== member.id) return 'answered another card';
    return undefined;
  },
  // The card, its holder, type and home store: one join on the (merchant, card_no) key.
  baseline: (member, ctx) => [
    {
      text:
        'select c.*, m.name as member_name, t.name as card_type_name, t.pin_required, m.home_unit_id, ' +
        'u.path as home_path from cards c join members m on m.id = c.member_id ' +
        'join card_types t on t.id = c.card_type_id join org_units u on u.id = m.home_unit_id ' +
        'where c.merchant_id = ? and c.card_no = ?',
      params: [ctx.merchantId, member.cardNo],
    },
  ],
  serviceCall: (db, ctx, member) => getCard(db, ctx.actor, member.cardNo),
};

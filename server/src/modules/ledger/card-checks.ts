// Which card a money call acts through, checked before the money moves: it must belong to
// the member and be usable; spending checks its PIN when the card type requires one (a
// wrong PIN is counted even though the call fails). Without a card number the member's
// own primary card is used, so paying "by phone" cannot skip the card's PIN.
import type { Db } from '../../db/database.ts';
import type { Trx } from '../../db/transaction.ts';
import { todayIn } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { merchantFacts } from '../../platform/merchant.ts';
import { effectiveStatus, unusableReason } from '../cards/lifecycle.ts';
import { type CardRow, cardsOfMember } from '../cards/repo.ts';
import { assertCardUsable, cardInScope } from '../cards/service.ts';

/**
 * The member's own card when none is named: the primary card that is still theirs (active,
 * or lost, frozen or expired — whose state then refuses the spend), never one that was
 * replaced or cancelled. A frozen card must not be dodged by leaving out its number.
 */
async function primaryCard(db: Db | Trx, memberId: string): Promise<CardRow | undefined> {
  const cards = (await cardsOfMember(db, memberId)).filter(
    (c) => c.role === 'primary' && c.status !== 'replaced' && c.status !== 'cancelled',
  );
  return cards.find((c) => c.status === 'active') ?? cards[0];
}

/** Before the transaction: the card to spend through (or none), PIN verified. */
export async function checkSpendCard(
  db: Db,
  ctx: CallContext,
  memberId: string,
  cardNo: string | undefined,
  pin: string | undefined,
) {
  const card = cardNo
    ? await cardInScope(db, ctx.actor, 'cards.read', cardNo)
    : await primaryCard(db, memberId);
  if (!card) return undefined;
  if (card.memberId !== memberId) throw new AppError('CARD_MEMBER_MISMATCH');
  await assertCardUsable(db, ctx.actor, card.cardNo, pin);
  return card.cardNo;
}

/** Inside the transaction: the card row again, as it is now. */
export async function spendCardNow(trx: Trx, ctx: CallContext, cardNo: string | undefined) {
  if (!cardNo) return undefined;
  const card = await cardInScope(trx, ctx.actor, 'cards.read', cardNo);
  const today = todayIn((await merchantFacts(trx, ctx.actor.merchantId)).timeZone);
  const reason = unusableReason(effectiveStatus(card, today));
  if (reason) throw new AppError(reason);
  return card;
}

/** The card a recharge goes onto: usable, the member's, and of a rechargeable type. */
export async function rechargeCard(trx: Trx, ctx: CallContext, memberId: string, cardNo: string | undefined) {
  const card = cardNo
    ? await cardInScope(trx, ctx.actor, 'cards.read', cardNo)
    : await primaryCard(trx, memberId);
  if (!card) return undefined;
  if (card.memberId !== memberId) throw new AppError('CARD_MEMBER_MISMATCH');
  const today = todayIn((await merchantFacts(trx, ctx.actor.merchantId)).timeZone);
  const reason = unusableReason(effectiveStatus(card, today));
  if (reason) throw new AppError(reason);
  const type = await trx
    .selectFrom('cardTypes')
    .select(['storedValue', 'rechargeable'])
    .where('id', '=', card.cardTypeId)
    .executeTakeFirstOrThrow();
  if (!type.storedValue || !type.rechargeable) throw new AppError('CARD_NOT_RECHARGEABLE');
  return card;
}

// Manual stored-value adjustment (调整): a signed correction to principal or bonus with a
// required reason, by someone holding ledger.adjust; audited like every money movement.
import type { Trx } from '../../db/transaction.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { formatYuan } from '../../platform/money.ts';
import { memberInScope } from '../members/access.ts';
import { maxAmountFen } from './amounts.ts';
import { ensureAccount, postTransaction } from './post.ts';

export async function adjustStoredValue(
  trx: Trx,
  ctx: CallContext,
  memberId: string,
  input: { account: 'principal' | 'bonus'; amount: number; reason: string },
) {
  const fields = [{ field: 'amount', code: 'invalid', message: '' }];
  if (!Number.isInteger(input.amount)) throw new AppError('AMOUNT_NOT_INTEGER', {}, fields);
  if (input.amount === 0) throw new AppError('AMOUNT_NOT_POSITIVE', {}, fields);
  if (Math.abs(input.amount) > maxAmountFen)
    throw new AppError('AMOUNT_TOO_LARGE', { max: formatYuan(maxAmountFen) }, fields);
  const member = await memberInScope(trx, ctx.actor, 'ledger.adjust', memberId);
  const kind = input.account === 'principal' ? 'sv_principal' : 'sv_bonus';
  const account = await ensureAccount(trx, ctx.actor.merchantId, memberId, kind);
  const unitId = ctx.storeId ?? member.homeUnitId;
  const posted = await postTransaction(
    trx,
    {
      merchantId: ctx.actor.merchantId,
      memberId,
      kind: 'sv_adjust',
      cardId: null,
      unitId,
      actorType: 'operator',
      actorId: ctx.actor.operatorId,
      reversesId: null,
      tender: null,
      amountFen: input.amount,
      note: input.reason,
    },
    [{ accountId: account.id, amount: input.amount }],
  );
  await recordAudit(trx, ctx, {
    action: 'ledger.adjust',
    entityType: 'ledger_transaction',
    entityId: posted.id,
    unitId,
    after: { memberId, ...input },
  });
  return { transactionId: posted.id, balanceAfter: posted.entries[0]?.balanceAfter ?? account.balance };
}

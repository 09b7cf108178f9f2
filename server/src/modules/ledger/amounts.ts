// Money arithmetic that never loses a fen: amount checks with their own error codes, and
// the split of a stored-value spend between principal and bonus.
import { AppError } from '../../platform/errors.ts';
import { formatYuan } from '../../platform/money.ts';

/** The most a single money call may move: ¥1,000,000. */
export const maxAmountFen = 100_000_000;

/** Zero/negative, fractional and absurd amounts each get their own code. */
export function assertAmount(amount: number, field = 'amount'): void {
  const fields = [{ field, code: 'invalid', message: '' }];
  if (!Number.isFinite(amount) || !Number.isInteger(amount))
    throw new AppError('AMOUNT_NOT_INTEGER', {}, fields);
  if (amount <= 0) throw new AppError('AMOUNT_NOT_POSITIVE', {}, fields);
  if (amount > maxAmountFen)
    throw new AppError('AMOUNT_TOO_LARGE', { max: formatYuan(maxAmountFen) }, fields);
}

export type SpendOrder = 'proportional' | 'bonus_first' | 'principal_first';

export interface Split {
  principal: number;
  bonus: number;
}

/**
 * How much of `amount` comes from principal and from bonus. Proportional (the default)
 * takes bonus in the ratio of the balances, rounded down, so a later refund of the
 * recharge finds its fair share of bonus still there. The caller has checked that
 * principal + bonus covers the amount.
 */
export function splitSpend(amount: number, balances: Split, order: SpendOrder): Split {
  const total = balances.principal + balances.bonus;
  if (amount > total) throw new RangeError('amount exceeds the balances');
  let bonus: number;
  if (order === 'bonus_first') bonus = Math.min(amount, balances.bonus);
  else if (order === 'principal_first') bonus = Math.max(0, amount - balances.principal);
  else bonus = total === 0 ? 0 : Number((BigInt(amount) * BigInt(balances.bonus)) / BigInt(total));
  let principal = amount - bonus;
  // Rounding down the bonus share can ask principal for a fen it lacks; bonus covers it.
  if (principal > balances.principal) {
    bonus += principal - balances.principal;
    principal = balances.principal;
  }
  return { principal, bonus };
}

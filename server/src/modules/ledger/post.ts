// The ledger engine: the only code that moves a balance. A business event is one
// transaction row and its entries; each entry is a guarded UPDATE whose affected-row count
// decides whether the account may go that far (backed by CHECK balance >= floor), so
// concurrent debits can never overdraw. Accounts are touched in id order so two
// transactions on PostgreSQL take their row locks in the same order and cannot deadlock.
import type { AccountKind, LedgerTransactionsTable } from '../../db/schema.ts';
import { isUniqueViolation, type Trx } from '../../db/transaction.ts';
import { nowIso } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { formatYuan } from '../../platform/money.ts';

export interface EntryDraft {
  accountId: string;
  amount: number;
  lotId?: string | null;
}

export type TransactionHeader = Omit<LedgerTransactionsTable, 'id' | 'createdAt'>;

export interface PostedEntry {
  accountId: string;
  amount: number;
  balanceAfter: number;
  lotId: string | null;
}

export interface PostedTransaction {
  id: string;
  createdAt: string;
  entries: PostedEntry[];
}

export async function postTransaction(
  trx: Trx,
  header: TransactionHeader,
  drafts: EntryDraft[],
): Promise<PostedTransaction> {
  const id = newId('transaction');
  const createdAt = nowIso();
  try {
    await trx
      .insertInto('ledgerTransactions')
      .values({ id, createdAt, ...header })
      .execute();
  } catch (error) {
    // The unique index on reverses_id: this transaction was already reversed.
    if (header.reversesId && isUniqueViolation(error)) throw new AppError('ALREADY_REVERSED');
    throw error;
  }
  const ordered = drafts.filter((d) => d.amount !== 0).sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
  const entries: PostedEntry[] = [];
  for (const draft of ordered) {
    const moved = await trx
      .updateTable('accounts')
      .set((eb) => ({ balance: eb('balance', '+', draft.amount) }))
      .where('id', '=', draft.accountId)
      .where((eb) => eb(eb('balance', '+', draft.amount), '>=', eb.ref('floor')))
      .returning(['balance'])
      .executeTakeFirst();
    if (!moved) {
      const account = await trx
        .selectFrom('accounts')
        .select(['kind', 'balance', 'floor'])
        .where('id', '=', draft.accountId)
        .executeTakeFirst();
      const available = Math.max(0, (account?.balance ?? 0) - (account?.floor ?? 0));
      // Money reads as ¥; points and package uses as plain counts.
      const money =
        account?.kind === 'sv_principal' || account?.kind === 'sv_bonus' || account?.kind === 'credit';
      const show = (n: number) => (money ? formatYuan(n) : String(n));
      throw new AppError('INSUFFICIENT_BALANCE', {
        available: show(available),
        required: show(-draft.amount),
      });
    }
    entries.push({
      accountId: draft.accountId,
      amount: draft.amount,
      balanceAfter: Number(moved.balance),
      lotId: draft.lotId ?? null,
    });
  }
  if (entries.length > 0) {
    await trx
      .insertInto('ledgerEntries')
      .values(entries.map((e) => ({ id: newId('entry'), transactionId: id, createdAt, ...e })))
      .execute();
  }
  return { id, createdAt, entries };
}

/** The member's account of a kind, created empty on first use. */
export async function ensureAccount(
  trx: Trx,
  merchantId: string,
  memberId: string,
  kind: AccountKind,
  refId = '',
  floor = 0,
): Promise<{ id: string; balance: number; floor: number }> {
  const existing = await findAccount(trx, memberId, kind, refId);
  if (existing) return existing;
  await trx
    .insertInto('accounts')
    .values({
      id: newId('account'),
      merchantId,
      memberId,
      kind,
      refId,
      balance: 0,
      floor,
      createdAt: nowIso(),
    })
    .onConflict((oc) => oc.columns(['memberId', 'kind', 'refId']).doNothing())
    .execute();
  return (await findAccount(trx, memberId, kind, refId))!;
}

export function findAccount(trx: Trx, memberId: string, kind: AccountKind, refId = '') {
  return trx
    .selectFrom('accounts')
    .select(['id', 'balance', 'floor'])
    .where('memberId', '=', memberId)
    .where('kind', '=', kind)
    .where('refId', '=', refId)
    .executeTakeFirst();
}

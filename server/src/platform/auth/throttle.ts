// Failed sign-ins are counted in the database (so every server process sees the same
// counts) per account and per address; past the limit, sign-in is refused for a while
// before the password is even checked.
import type { Db } from '../../db/database.ts';
import type { Trx } from '../../db/transaction.ts';
import { now } from '../clock.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';

export const loginThrottle = {
  windowMinutes: 15,
  maxPerAccount: 5,
  maxPerAddress: 20,
};

export async function assertLoginAllowed(db: Db, username: string, ip: string): Promise<void> {
  const since = new Date(now().getTime() - loginThrottle.windowMinutes * 60_000).toISOString();
  const count = async (column: 'username' | 'ip', value: string) => {
    const rows = await db
      .selectFrom('loginFailures')
      .select(['at'])
      .where(column, '=', value)
      .where('at', '>', since)
      .orderBy('at', 'asc')
      .execute();
    return rows;
  };
  const byAccount = await count('username', username.toLowerCase());
  const byAddress = await count('ip', ip);
  const blocking =
    byAccount.length >= loginThrottle.maxPerAccount
      ? byAccount[byAccount.length - loginThrottle.maxPerAccount]
      : byAddress.length >= loginThrottle.maxPerAddress
        ? byAddress[byAddress.length - loginThrottle.maxPerAddress]
        : undefined;
  if (!blocking) return;
  // The lock lifts when the oldest failure that counts towards the limit leaves the window.
  const liftsAt = new Date(blocking.at).getTime() + loginThrottle.windowMinutes * 60_000;
  const retryAfterSeconds = Math.max(1, Math.ceil((liftsAt - now().getTime()) / 1000));
  throw new AppError('LOGIN_THROTTLED', { retryAfterSeconds });
}

export async function recordLoginFailure(trx: Trx, username: string, ip: string): Promise<void> {
  await trx
    .insertInto('loginFailures')
    .values({ id: newId('loginFailure'), username: username.toLowerCase(), ip, at: now().toISOString() })
    .execute();
}

export async function clearLoginFailures(trx: Trx, username: string): Promise<void> {
  await trx.deleteFrom('loginFailures').where('username', '=', username.toLowerCase()).execute();
}

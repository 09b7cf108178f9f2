// The full demo `npm start` shows: the org tree and staff, then card types and members.
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { seedDemoMembers } from '../modules/members/demo.ts';
import { seedDemo } from '../modules/org/demo.ts';
import { loadGrants } from '../platform/access/actor.ts';
import type { CallContext } from '../platform/context.ts';

/** Returns whether it seeded (false when the database already had a merchant). */
export async function seedFullDemo(
  db: Db,
  config: Pick<Config, 'timeZone' | 'currency' | 'defaultLocale'>,
): Promise<boolean> {
  const demo = await seedDemo(db, config);
  if (!demo) return false;
  const admin = await db
    .selectFrom('operators')
    .select(['id', 'username', 'displayName', 'unitId'])
    .where('id', '=', demo.adminId)
    .executeTakeFirstOrThrow();
  const ctx: CallContext = {
    actor: {
      kind: 'operator',
      operatorId: admin.id,
      merchantId: demo.merchantId,
      username: admin.username,
      displayName: admin.displayName,
      unitId: admin.unitId,
      sessionId: 'seed',
      grants: await loadGrants(db, admin.id),
    },
    locale: config.defaultLocale,
    requestId: 'seed-demo',
    ip: null,
    storeId: null,
  };
  await seedDemoMembers(db, ctx, demo.storeIds);
  return true;
}

// The merchant's points settings (expiry policy, points as cash, whether a debt may arise),
// kept in merchants.settings_json beside the other merchant-wide settings.
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Trx } from '../../db/transaction.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import type { CallContext } from '../../platform/context.ts';
import { type MerchantSettings, merchantFacts } from '../../platform/merchant.ts';
import type { pointsSettingsBody } from './schema.ts';

function present(settings: MerchantSettings) {
  return {
    expiry: settings.pointsExpiry,
    pointsPerYuan: settings.pointsPerYuan,
    cashMaxShareBp: settings.pointsCashMaxShareBp,
    allowDebt: settings.allowPointsDebt,
  };
}

export async function pointsSettings(db: Db | Trx, merchantId: string) {
  return present((await merchantFacts(db, merchantId)).settings);
}

/** Writes the changes; the route forgets the cached merchant after commit. */
export async function updatePointsSettings(
  trx: Trx,
  ctx: CallContext,
  input: z.infer<typeof pointsSettingsBody>,
) {
  const { merchantId } = ctx.actor;
  const row = await trx
    .selectFrom('merchants')
    .select('settingsJson')
    .where('id', '=', merchantId)
    .executeTakeFirstOrThrow();
  const current = (await merchantFacts(trx, merchantId)).settings;
  const changes: Partial<MerchantSettings> = {};
  if (input.expiry !== undefined) changes.pointsExpiry = input.expiry;
  if (input.pointsPerYuan !== undefined) changes.pointsPerYuan = input.pointsPerYuan;
  if (input.cashMaxShareBp !== undefined) changes.pointsCashMaxShareBp = input.cashMaxShareBp;
  if (input.allowDebt !== undefined) changes.allowPointsDebt = input.allowDebt;
  const stored = JSON.parse(row.settingsJson) as Partial<MerchantSettings>;
  await trx
    .updateTable('merchants')
    .set({ settingsJson: JSON.stringify({ ...stored, ...changes }) })
    .where('id', '=', merchantId)
    .execute();
  const before = present(current);
  const after = present({ ...current, ...changes });
  await recordAudit(trx, ctx, {
    action: 'points.settings',
    entityType: 'merchant',
    entityId: merchantId,
    unitId: null,
    before,
    after,
  });
  return after;
}

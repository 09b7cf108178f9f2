// The demo merchant `npm start` seeds on an empty database: a chain with two regions and
// three stores, and one account per seeded role. The README lists these accounts.
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { createMerchant, createOperatorDirect, createUnitDirect, merchantCount } from './setup.ts';

export const demoPassword = 'huiyuan123';

export const demoAccounts = [
  { username: 'admin', role: 'hq_admin', at: 'hq', name: '王总 (HQ admin)' },
  { username: 'east', role: 'region_manager', at: 'east', name: '李经理 (East region manager)' },
  { username: 'manager', role: 'store_manager', at: 'shanghai', name: '张店长 (Shanghai store manager)' },
  { username: 'cashier', role: 'cashier', at: 'shanghai', name: '刘收银 (Shanghai cashier)' },
  { username: 'cashier2', role: 'cashier', at: 'shenzhen', name: '陈收银 (Shenzhen cashier)' },
  { username: 'agent', role: 'call_center', at: 'hq', name: '赵客服 (Call-center agent)' },
] as const;

export interface DemoMerchant {
  merchantId: string;
  adminId: string;
  storeIds: string[];
}

/**
 * Seeds the demo merchant's org tree and staff when the database has no merchant yet;
 * undefined when there was one already.
 */
export async function seedDemo(
  db: Db,
  config: Pick<Config, 'timeZone' | 'currency'>,
): Promise<DemoMerchant | undefined> {
  if ((await merchantCount(db)) > 0) return undefined;
  return inTransaction(db, async (trx) => {
    const merchant = await createMerchant(trx, {
      name: '会员示范连锁',
      hqName: '总部',
      timeZone: config.timeZone,
      currency: config.currency.code,
    });
    const hq = { id: merchant.hqId, path: `/${merchant.hqId}/` };
    const east = await createUnitDirect(trx, merchant.merchantId, hq, {
      kind: 'region',
      name: '华东区',
      code: 'R001',
    });
    const south = await createUnitDirect(trx, merchant.merchantId, hq, {
      kind: 'region',
      name: '华南区',
      code: 'R002',
    });
    const units = {
      hq,
      east,
      south,
      shanghai: await createUnitDirect(trx, merchant.merchantId, east, {
        kind: 'store',
        name: '上海南京路店',
        code: 'S001',
        address: '上海市黄浦区南京东路 100 号',
      }),
      hangzhou: await createUnitDirect(trx, merchant.merchantId, east, {
        kind: 'store',
        name: '杭州西湖店',
        code: 'S002',
        address: '杭州市西湖区湖滨路 8 号',
      }),
      shenzhen: await createUnitDirect(trx, merchant.merchantId, south, {
        kind: 'store',
        name: '深圳南山店',
        code: 'S003',
        address: '深圳市南山区科技园 1 号',
      }),
    };
    let adminId = '';
    for (const account of demoAccounts) {
      const unit = units[account.at];
      const operatorId = await createOperatorDirect(trx, {
        merchantId: merchant.merchantId,
        unitId: unit.id,
        username: account.username,
        displayName: account.name,
        password: demoPassword,
        grants: [{ roleId: merchant.roleIds[account.role]!, unitId: unit.id }],
      });
      if (account.username === 'admin') adminId = operatorId;
    }
    return {
      merchantId: merchant.merchantId,
      adminId,
      storeIds: [units.shanghai.id, units.hangzhou.id, units.shenzhen.id],
    };
  });
}

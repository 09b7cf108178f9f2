// Every permission a role can hold, and the roles the demo and a new merchant start with.
// A grant of a role at an org unit gives its permissions over that unit's subtree.

export const permissions = [
  'org.read',
  'org.write',
  'operators.read',
  'operators.write',
  'roles.read',
  'roles.write',
  'audit.read',
  'members.read',
  'members.write',
  'members.pii',
  'members.import',
  'members.export',
  'cards.read',
  'cards.write',
  'cards.manage',
  'ledger.read',
  'ledger.recharge',
  'ledger.refund',
  'ledger.adjust',
  'catalog.read',
  'catalog.write',
  'stock.write',
  'checkout.sell',
  'checkout.return',
  'marketing.read',
  'marketing.write',
  'engage.read',
  'engage.write',
  'reports.read',
  'settings.write',
] as const;

export type Permission = (typeof permissions)[number];

const permissionSet: ReadonlySet<string> = new Set(permissions);

export function isPermission(value: string): value is Permission {
  return permissionSet.has(value);
}

export interface SystemRole {
  code: string;
  name: { 'zh-CN': string; 'en-US': string };
  permissions: readonly Permission[];
}

const cashier: Permission[] = [
  'members.read',
  'members.write',
  'cards.read',
  'cards.write',
  'ledger.read',
  'ledger.recharge',
  'catalog.read',
  'checkout.sell',
  'checkout.return',
  'marketing.read',
];

const storeManager: Permission[] = [
  ...cashier,
  'org.read',
  'operators.read',
  'roles.read',
  'audit.read',
  'members.pii',
  'members.export',
  'cards.manage',
  'ledger.refund',
  'ledger.adjust',
  'stock.write',
  'engage.read',
  'engage.write',
  'reports.read',
];

export const systemRoles: readonly SystemRole[] = [
  { code: 'hq_admin', name: { 'zh-CN': '总部管理员', 'en-US': 'HQ admin' }, permissions },
  {
    code: 'region_manager',
    name: { 'zh-CN': '区域经理', 'en-US': 'Region manager' },
    permissions: [...storeManager, 'operators.write', 'members.import'],
  },
  { code: 'store_manager', name: { 'zh-CN': '店长', 'en-US': 'Store manager' }, permissions: storeManager },
  { code: 'cashier', name: { 'zh-CN': '收银员', 'en-US': 'Cashier' }, permissions: cashier },
  {
    code: 'call_center',
    name: { 'zh-CN': '客服专员', 'en-US': 'Call-center agent' },
    permissions: [
      'members.read',
      'members.write',
      'cards.read',
      'ledger.read',
      'engage.read',
      'engage.write',
    ],
  },
];

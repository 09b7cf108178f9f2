// The value area's pages as entries of the console's one area list (app/areas.tsx), kept
// here so the value pages can grow without touching the shared list.
import {
  BankOutlined,
  CalculatorOutlined,
  CreditCardOutlined,
  FundOutlined,
  GiftOutlined,
  StarOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import type { Area } from '../../app/area.ts';

export const valueAreas: Area[] = [
  {
    key: 'valueMembers',
    path: '/value/members',
    icon: <CreditCardOutlined />,
    anyOf: ['ledger.read'],
    built: true,
  },
  {
    key: 'rechargeRules',
    path: '/value/recharge-rules',
    icon: <ThunderboltOutlined />,
    anyOf: ['ledger.read'],
    built: true,
  },
  {
    key: 'batchRecharge',
    path: '/value/batch-recharge',
    icon: <CalculatorOutlined />,
    anyOf: ['ledger.recharge'],
    built: true,
  },
  {
    key: 'liability',
    path: '/value/liability',
    icon: <BankOutlined />,
    anyOf: ['reports.read'],
    built: true,
  },
  { key: 'points', path: '/value/points', icon: <StarOutlined />, anyOf: ['ledger.read'], built: true },
  { key: 'gifts', path: '/value/gifts', icon: <GiftOutlined />, anyOf: ['catalog.read'], built: true },
  {
    key: 'packageProducts',
    path: '/value/packages',
    icon: <FundOutlined />,
    anyOf: ['catalog.read', 'ledger.read'],
    built: true,
  },
];

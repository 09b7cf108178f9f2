// Sortable unique ids with a short type prefix (`op_01J…`), so an id says what it names
// and sorts by creation time for cursor pagination.
import { monotonicFactory } from 'ulid';

const nextUlid = monotonicFactory();

export const idPrefixes = {
  merchant: 'mch',
  unit: 'unit',
  operator: 'op',
  role: 'role',
  grant: 'grt',
  session: 'ses',
  audit: 'aud',
  loginFailure: 'lf',
  member: 'mem',
  memberField: 'mfd',
  level: 'lvl',
  cardType: 'ctp',
  card: 'card',
  cardFee: 'cfee',
  followUp: 'fup',
  importJob: 'imp',
  account: 'acc',
  transaction: 'txn',
  entry: 'ent',
  lot: 'lot',
  rechargeRule: 'rrl',
  pointsRule: 'prl',
  gift: 'gift',
  redemption: 'rdm',
  packageProduct: 'pkp',
  memberPackage: 'mpk',
  packagePayment: 'ppay',
  batchJob: 'bat',
  jobRun: 'job',
  productCategory: 'pcat',
  product: 'prd',
  stockMovement: 'smv',
  stockTransfer: 'stf',
} as const;

export type IdKind = keyof typeof idPrefixes;

export function newId(kind: IdKind): string {
  return `${idPrefixes[kind]}_${nextUlid()}`;
}

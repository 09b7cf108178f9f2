// Hand-kept database types, in camelCase as CamelCasePlugin presents them.
// Timestamps are ISO-8601 UTC strings and flags are 0/1 integers on both dialects, so
// repositories read the same shapes from SQLite and PostgreSQL.
export type Flag = 0 | 1;

export interface MerchantsTable {
  id: string;
  name: string;
  timeZone: string;
  currency: string;
  /** JSON: merchant-wide settings that later modules read. */
  settingsJson: string;
  createdAt: string;
}

export type UnitKind = 'hq' | 'region' | 'store';

export interface OrgUnitsTable {
  id: string;
  merchantId: string;
  parentId: string | null;
  kind: UnitKind;
  name: string;
  code: string;
  /** Ids from the root down to this unit, `/id/id/…/`, so a subtree is a prefix. */
  path: string;
  timeZone: string | null;
  address: string | null;
  phone: string | null;
  status: 'active' | 'closed';
  createdAt: string;
}

export interface OperatorsTable {
  id: string;
  merchantId: string;
  unitId: string;
  username: string;
  displayName: string;
  passwordHash: string;
  status: 'active' | 'disabled';
  locale: string | null;
  passwordChangedAt: string;
  createdAt: string;
}

export interface RolesTable {
  id: string;
  merchantId: string;
  /** Set for the seeded roles (`hq_admin`, `cashier`, …); their permissions are fixed. */
  systemCode: string | null;
  name: string;
  description: string | null;
  /** JSON array of permission names. */
  permissionsJson: string;
  createdAt: string;
}

export interface OperatorGrantsTable {
  id: string;
  operatorId: string;
  roleId: string;
  unitId: string;
}

export interface SessionsTable {
  id: string;
  merchantId: string;
  operatorId: string;
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface LoginFailuresTable {
  id: string;
  username: string;
  ip: string;
  at: string;
}

export interface AuditLogTable {
  id: string;
  merchantId: string;
  at: string;
  actorType: 'operator' | 'member' | 'system';
  actorId: string | null;
  actorName: string | null;
  /** The org unit the action happened at or concerns; null for merchant-wide changes. */
  unitId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  beforeJson: string | null;
  afterJson: string | null;
  requestId: string | null;
  ip: string | null;
}

export interface IdempotencyKeysTable {
  merchantId: string;
  key: string;
  requestHash: string;
  statusCode: number;
  responseJson: string;
  createdAt: string;
}

export interface MemberLevelsTable {
  id: string;
  merchantId: string;
  name: string;
  rank: number;
  createdAt: string;
}

export type MemberFieldType = 'text' | 'number' | 'date' | 'single' | 'multi';

export interface MemberFieldsTable {
  id: string;
  merchantId: string;
  key: string;
  label: string;
  type: MemberFieldType;
  /** JSON array of option strings for single/multi choice fields. */
  optionsJson: string;
  required: Flag;
  sort: number;
  status: 'active' | 'archived';
  createdAt: string;
}

export type MemberSource = 'store' | 'call_center' | 'web' | 'import' | 'self_service' | 'referral';

export interface MembersTable {
  id: string;
  merchantId: string;
  /** `organisation` for a group-card owner (团体卡). */
  kind: 'person' | 'organisation';
  name: string;
  /** Lower-cased name, for prefix search. */
  nameKey: string;
  /** Pinyin initials of the name (张三 → zs), for prefix search. */
  nameInitials: string;
  /** Normalised: 11 digits for a mainland mobile, +E.164 otherwise. */
  mobile: string;
  /** Last four digits, for "last 4 of the phone" lookups. */
  mobileTail: string;
  gender: 'male' | 'female' | 'unknown';
  birthdayCalendar: 'solar' | 'lunar' | null;
  birthdayYear: number | null;
  birthdayMonth: number | null;
  birthdayDay: number | null;
  birthdayLeapMonth: Flag;
  /** Month of this year's birthday on the solar calendar (lunar birthdays converted). */
  birthdaySolarMonth: number | null;
  /** JSON array of { name, date }. */
  anniversariesJson: string;
  email: string | null;
  address: string | null;
  occupation: string | null;
  notes: string | null;
  homeUnitId: string;
  levelId: string | null;
  source: MemberSource;
  referrerId: string | null;
  marketingConsent: Flag;
  externalId: string | null;
  /** JSON object of custom field values by key. */
  customJson: string;
  status: 'active' | 'cancelled';
  statusReason: string | null;
  registeredAt: string;
  registeredBy: string | null;
  updatedAt: string;
}

export interface MemberTagsTable {
  memberId: string;
  merchantId: string;
  tag: string;
}

export interface CardTypesTable {
  id: string;
  merchantId: string;
  name: string;
  named: Flag;
  storedValue: Flag;
  points: Flag;
  discount: Flag;
  countBased: Flag;
  /** Basis points of the price paid: 9500 = 9.5折. */
  discountRate: number;
  /** Points per ¥100 of eligible spend. */
  pointsRate: number;
  validityKind: 'none' | 'fixed_date' | 'months';
  validityMonths: number | null;
  validityDate: string | null;
  joinFeeFen: number;
  annualFeeFen: number;
  replacementFeeFen: number;
  rechargeable: Flag;
  pinRequired: Flag;
  subsidiaryAllowed: Flag;
  subsidiaryLimitFen: number | null;
  status: 'active' | 'archived';
  createdAt: string;
}

export type CardStatus = 'active' | 'lost' | 'frozen' | 'expired' | 'replaced' | 'cancelled';

export interface CardsTable {
  id: string;
  merchantId: string;
  cardNo: string;
  /** The member whose accounts the card spends: the principal for subsidiary and holder cards. */
  memberId: string;
  cardTypeId: string;
  role: 'primary' | 'subsidiary' | 'holder';
  holderName: string | null;
  holderMobile: string | null;
  /** Spending limit of a subsidiary or holder card; null means no limit of its own. */
  spendLimitFen: number | null;
  status: CardStatus;
  statusReason: string | null;
  pinHash: string | null;
  pinFailures: number;
  /** Last day the card is valid, in the merchant's time zone; null = no expiry. */
  expiresOn: string | null;
  replacesCardId: string | null;
  replacedByCardId: string | null;
  issuedAt: string;
  issuedBy: string | null;
  issuedUnitId: string;
  updatedAt: string;
  /** Stored value spent through this card and not refunded, against its spend limit. */
  spentFen: number;
}

export interface CardFeesTable {
  id: string;
  merchantId: string;
  cardId: string;
  memberId: string;
  kind: 'join' | 'annual' | 'replacement';
  amountFen: number;
  tender: string;
  unitId: string;
  operatorId: string | null;
  createdAt: string;
}

export interface FollowUpsTable {
  id: string;
  merchantId: string;
  memberId: string;
  unitId: string;
  channel: 'phone' | 'sms' | 'wechat' | 'visit' | 'email' | 'other';
  content: string;
  outcome: string | null;
  nextFollowUpOn: string | null;
  done: Flag;
  operatorId: string;
  createdAt: string;
}

export interface ImportJobsTable {
  id: string;
  merchantId: string;
  kind: 'members';
  fileName: string;
  filePath: string;
  optionsJson: string;
  dryRun: Flag;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  totalRows: number | null;
  processedRows: number;
  createdRows: number;
  updatedRows: number;
  errorRows: number;
  /** JSON array of { row, column, code, message } (the first few thousand). */
  errorsJson: string;
  failure: string | null;
  operatorId: string;
  unitId: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export type AccountKind = 'sv_principal' | 'sv_bonus' | 'points' | 'package' | 'credit';

export interface AccountsTable {
  id: string;
  merchantId: string;
  memberId: string;
  kind: AccountKind;
  refId: string;
  /** Fen for stored value and credit, whole points, remaining uses for a package. */
  balance: number;
  /** The lowest the balance may go: 0, or negative where the account allows debt. */
  floor: number;
  createdAt: string;
}

export interface LedgerTransactionsTable {
  id: string;
  merchantId: string;
  memberId: string;
  kind: string;
  cardId: string | null;
  unitId: string;
  actorType: 'operator' | 'member' | 'system';
  actorId: string | null;
  reversesId: string | null;
  tender: string | null;
  /** The headline amount (fen or points) for listings; the entries are the truth. */
  amountFen: number;
  note: string | null;
  createdAt: string;
}

export interface LedgerEntriesTable {
  id: string;
  transactionId: string;
  accountId: string;
  amount: number;
  balanceAfter: number;
  lotId: string | null;
  createdAt: string;
}

export interface PointsLotsTable {
  id: string;
  accountId: string;
  earnedTransactionId: string;
  amount: number;
  remaining: number;
  expiresOn: string;
  expired: Flag;
  createdAt: string;
}

export interface RechargeRulesTable {
  id: string;
  merchantId: string;
  name: string;
  kind: 'tiers' | 'percent';
  /** JSON array of { minFen, bonusFen }. */
  tiersJson: string;
  percentBp: number | null;
  maxBonusFen: number | null;
  startsOn: string | null;
  endsOn: string | null;
  unitIdsJson: string;
  cardTypeIdsJson: string;
  priority: number;
  status: 'active' | 'archived';
  createdAt: string;
}

export interface BatchJobsTable {
  id: string;
  merchantId: string;
  kind: 'recharge';
  dryRun: Flag;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  requestJson: string;
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  amountTotalFen: number;
  bonusTotalFen: number;
  /** JSON array of per-row results (the first few thousand). */
  resultsJson: string;
  failure: string | null;
  operatorId: string;
  unitId: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface PackageProductsTable {
  id: string;
  merchantId: string;
  name: string;
  /** JSON array of service names or product codes the package covers. */
  servicesJson: string;
  uses: number;
  priceFen: number;
  validityKind: PackageValidityKind;
  validityCount: number | null;
  /** JSON array of store ids where it may be sold and used; empty = every store. */
  unitIdsJson: string;
  active: Flag;
  createdAt: string;
  updatedAt: string;
}

export type PackageValidityKind = 'none' | 'days' | 'months';

/** `active` covers a used-up package too (a renewal brings it back). */
export type MemberPackageStatus = 'active' | 'refunded' | 'expired';

export interface MemberPackagesTable {
  id: string;
  merchantId: string;
  memberId: string;
  productId: string;
  /** The package account (kind 'package', ref_id = this id); its balance is the remaining uses. */
  accountId: string;
  name: string;
  servicesJson: string;
  unitIdsJson: string;
  validityKind: PackageValidityKind;
  validityCount: number | null;
  usesBought: number;
  pricePaidFen: number;
  /** Last day it may be used (merchant time zone); null = no expiry. */
  expiresOn: string | null;
  status: MemberPackageStatus;
  saleTransactionId: string;
  refundTransactionId: string | null;
  expiryTransactionId: string | null;
  soldUnitId: string;
  soldBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PackagePaymentsTable {
  id: string;
  packageId: string;
  kind: 'sale' | 'renewal';
  transactionId: string;
  tender: string;
  amountFen: number;
  uses: number;
  spendTransactionId: string | null;
  principalFen: number;
  bonusFen: number;
  createdAt: string;
}

export interface PointsRulesTable {
  id: string;
  merchantId: string;
  name: string;
  /** A rule kind's code from modules/points/rules/registry.ts. */
  kind: string;
  /** JSON: the kind's parameters, as its schema parsed them. */
  paramsJson: string;
  startsOn: string | null;
  endsOn: string | null;
  status: 'active' | 'archived';
  createdAt: string;
  updatedAt: string;
}

export interface GiftsTable {
  id: string;
  merchantId: string;
  name: string;
  description: string | null;
  pointsPrice: number;
  perMemberLimit: number | null;
  active: Flag;
  createdAt: string;
  updatedAt: string;
}

export interface GiftStockTable {
  giftId: string;
  unitId: string;
  quantity: number;
}

export interface RedemptionsTable {
  id: string;
  merchantId: string;
  memberId: string;
  giftId: string;
  unitId: string;
  quantity: number;
  points: number;
  status: 'completed' | 'cancelled';
  transactionId: string;
  cancelTransactionId: string | null;
  operatorId: string | null;
  createdAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
}

export interface ProductCategoriesTable {
  id: string;
  merchantId: string;
  parentId: string | null;
  name: string;
  /** Ids from the top category down to this one, `/id/id/`. */
  path: string;
  /** 1 = top level; at most 3. */
  depth: number;
  sort: number;
  status: 'active' | 'archived';
  createdAt: string;
  updatedAt: string;
}

export type ProductKind = 'product' | 'service';

export interface ProductsTable {
  id: string;
  merchantId: string;
  /** Null: a headquarters product sold in every store; else the store that owns it. */
  storeId: string | null;
  kind: ProductKind;
  code: string;
  barcode: string | null;
  name: string;
  nameKey: string;
  nameInitials: string;
  unit: string;
  categoryId: string | null;
  retailPriceFen: number;
  costFen: number | null;
  /** What dealer members (see dealer_tiers) pay instead of the retail price. */
  wholesalePriceFen: number | null;
  noMemberDiscount: Flag;
  earnsPoints: Flag;
  stockTracked: Flag;
  reorderPoint: number | null;
  status: 'active' | 'archived';
  createdAt: string;
  updatedAt: string;
}

export interface ProductMemberPricesTable {
  productId: string;
  /** Exactly one of levelId and cardTypeId is set. */
  levelId: string | null;
  cardTypeId: string | null;
  priceFen: number;
}

export interface DealerTiersTable {
  merchantId: string;
  /** Exactly one of levelId and cardTypeId is set. */
  levelId: string | null;
  cardTypeId: string | null;
}

export interface StockSettingsTable {
  unitId: string;
  merchantId: string;
  allowNegative: Flag;
  updatedAt: string;
}

export interface StockLevelsTable {
  unitId: string;
  productId: string;
  merchantId: string;
  onHand: number;
  /** The store's setting, copied onto the row so CHECK (on_hand >= 0 or allow_negative = 1) can see it. */
  allowNegative: Flag;
  /** Overrides the product's default reorder point at this store. */
  reorderPoint: number | null;
  updatedAt: string;
}

export type StockMovementKind =
  | 'receive'
  | 'sale'
  | 'return'
  | 'transfer_out'
  | 'transfer_in'
  | 'adjust'
  | 'stocktake';

export interface StockMovementsTable {
  id: string;
  merchantId: string;
  unitId: string;
  productId: string;
  kind: StockMovementKind;
  /** Signed: what the movement added to (or took from) the store's on-hand quantity. */
  quantity: number;
  onHandAfter: number;
  reason: string | null;
  refId: string | null;
  operatorId: string | null;
  createdAt: string;
}

export type StockTransferStatus = 'sent' | 'received' | 'cancelled';

export interface StockTransfersTable {
  id: string;
  merchantId: string;
  fromUnitId: string;
  toUnitId: string;
  status: StockTransferStatus;
  note: string | null;
  sentBy: string;
  sentAt: string;
  receivedBy: string | null;
  receivedAt: string | null;
  cancelledBy: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
}

export interface StockTransferLinesTable {
  transferId: string;
  lineNo: number;
  productId: string;
  quantity: number;
}

export interface JobRunsTable {
  id: string;
  job: string;
  slot: string;
  node: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'succeeded' | 'failed';
  resultJson: string | null;
  error: string | null;
}

export interface DB {
  merchants: MerchantsTable;
  orgUnits: OrgUnitsTable;
  operators: OperatorsTable;
  roles: RolesTable;
  operatorGrants: OperatorGrantsTable;
  sessions: SessionsTable;
  loginFailures: LoginFailuresTable;
  auditLog: AuditLogTable;
  idempotencyKeys: IdempotencyKeysTable;
  memberLevels: MemberLevelsTable;
  memberFields: MemberFieldsTable;
  members: MembersTable;
  memberTags: MemberTagsTable;
  cardTypes: CardTypesTable;
  cards: CardsTable;
  cardFees: CardFeesTable;
  followUps: FollowUpsTable;
  importJobs: ImportJobsTable;
  accounts: AccountsTable;
  ledgerTransactions: LedgerTransactionsTable;
  ledgerEntries: LedgerEntriesTable;
  pointsLots: PointsLotsTable;
  rechargeRules: RechargeRulesTable;
  pointsRules: PointsRulesTable;
  gifts: GiftsTable;
  giftStock: GiftStockTable;
  redemptions: RedemptionsTable;
  packageProducts: PackageProductsTable;
  memberPackages: MemberPackagesTable;
  packagePayments: PackagePaymentsTable;
  batchJobs: BatchJobsTable;
  productCategories: ProductCategoriesTable;
  products: ProductsTable;
  productMemberPrices: ProductMemberPricesTable;
  dealerTiers: DealerTiersTable;
  stockSettings: StockSettingsTable;
  stockLevels: StockLevelsTable;
  stockMovements: StockMovementsTable;
  stockTransfers: StockTransfersTable;
  stockTransferLines: StockTransferLinesTable;
  jobRuns: JobRunsTable;
}

// The ledger: accounts with cached balances, transactions and their never-edited entries,
// points lots with expiry, recharge records and rules. A balance can only move through a
// transaction's entries; the CHECK backs the guarded updates so no balance falls below
// its floor (0, or a negative floor where an account type allows debt).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    /** For package accounts: the package sold; '' for the member's single accounts of a kind. */
    .addColumn('ref_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('balance', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('floor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('accounts_member_kind_unique', ['member_id', 'kind', 'ref_id'])
    .addCheckConstraint('accounts_floor_check', sql`balance >= floor`)
    .execute();
  await db.schema
    .createIndex('accounts_merchant_kind_idx')
    .on('accounts')
    .columns(['merchant_id', 'kind'])
    .execute();

  await db.schema
    .createTable('ledger_transactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('card_id', 'text')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('reverses_id', 'text', (c) => c.references('ledger_transactions.id'))
    .addColumn('tender', 'text')
    .addColumn('amount_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ledger_transactions_member_idx')
    .on('ledger_transactions')
    .columns(['member_id', 'id'])
    .execute();
  await db.schema
    .createIndex('ledger_transactions_merchant_idx')
    .on('ledger_transactions')
    .columns(['merchant_id', 'kind', 'created_at'])
    .execute();
  // A transaction can be reversed once: a refund of a refund or a second refund is refused
  // by the database itself, whatever races the service.
  await db.schema
    .createIndex('ledger_transactions_reverses_unique')
    .on('ledger_transactions')
    .column('reverses_id')
    .unique()
    .where(sql.ref('reverses_id'), 'is not', null)
    .execute();

  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('transaction_id', 'text', (c) => c.notNull().references('ledger_transactions.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('balance_after', 'bigint', (c) => c.notNull())
    .addColumn('lot_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ledger_entries_account_idx')
    .on('ledger_entries')
    .columns(['account_id', 'id'])
    .execute();
  await db.schema
    .createIndex('ledger_entries_transaction_idx')
    .on('ledger_entries')
    .column('transaction_id')
    .execute();

  await db.schema
    .createTable('points_lots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('earned_transaction_id', 'text', (c) => c.notNull().references('ledger_transactions.id'))
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('remaining', 'bigint', (c) => c.notNull().check(sql`remaining >= 0`))
    /** Last day the points may be spent (merchant time zone); '9999-12-31' for never. */
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('expired', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('points_lots_account_idx')
    .on('points_lots')
    .columns(['account_id', 'expires_on', 'id'])
    .execute();

  await db.schema
    .createTable('recharge_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('tiers_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('percent_bp', 'integer')
    .addColumn('max_bonus_fen', 'bigint')
    .addColumn('starts_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('unit_ids_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('card_type_ids_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .alterTable('cards')
    .addColumn('spent_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}

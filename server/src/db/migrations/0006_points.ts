// Points: earn rules (one row per rule, its kind's parameters as JSON), the gift catalogue
// with stock per store, and redemption orders. Stock can never go below zero (CHECK backs
// the guarded decrement), and the expiry job finds due lots through a partial index.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('points_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('params_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('starts_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('points_rules_merchant_idx')
    .on('points_rules')
    .columns(['merchant_id', 'status'])
    .execute();

  await db.schema
    .createTable('gifts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('points_price', 'bigint', (c) => c.notNull().check(sql`points_price > 0`))
    /** Most a member may hold in redemptions not cancelled; null = no limit. */
    .addColumn('per_member_limit', 'integer')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('gifts_merchant_idx').on('gifts').columns(['merchant_id', 'id']).execute();

  await db.schema
    .createTable('gift_stock')
    .addColumn('gift_id', 'text', (c) => c.notNull().references('gifts.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity >= 0`))
    .addPrimaryKeyConstraint('gift_stock_pk', ['gift_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('redemptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('gift_id', 'text', (c) => c.notNull().references('gifts.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('points', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('transaction_id', 'text', (c) => c.notNull().references('ledger_transactions.id'))
    .addColumn('cancel_transaction_id', 'text', (c) => c.references('ledger_transactions.id'))
    .addColumn('operator_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .addColumn('cancel_reason', 'text')
    .execute();
  await db.schema
    .createIndex('redemptions_member_idx')
    .on('redemptions')
    .columns(['member_id', 'gift_id', 'status'])
    .execute();

  await db.schema
    .createIndex('points_lots_due_idx')
    .on('points_lots')
    .columns(['expires_on', 'account_id'])
    .where(sql.ref('expired'), '=', 0)
    .execute();
}

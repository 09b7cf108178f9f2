// Count packages (计次卡): the products a merchant sells, each sold package (one ledger
// account of kind 'package' whose balance is its remaining uses), and the payments that
// bought its uses (the sale and each renewal), which a refund mirrors.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('package_products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    /** JSON array of service names or product codes the package covers. */
    .addColumn('services_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('uses', 'integer', (c) => c.notNull())
    .addColumn('price_fen', 'bigint', (c) => c.notNull())
    .addColumn('validity_kind', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('validity_count', 'integer')
    /** JSON array of store ids where it may be sold and used; empty = every store. */
    .addColumn('unit_ids_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('package_products_merchant_idx')
    .on('package_products')
    .columns(['merchant_id', 'id'])
    .execute();

  await db.schema
    .createTable('member_packages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('package_products.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().unique().references('accounts.id'))
    // The terms as sold: a later edit of the product does not change a package bought.
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('services_json', 'text', (c) => c.notNull())
    .addColumn('unit_ids_json', 'text', (c) => c.notNull())
    .addColumn('validity_kind', 'text', (c) => c.notNull())
    .addColumn('validity_count', 'integer')
    /** Every use ever bought (sale and renewals) and every fen paid for them. */
    .addColumn('uses_bought', 'bigint', (c) => c.notNull())
    .addColumn('price_paid_fen', 'bigint', (c) => c.notNull())
    /** Last day it may be used, in the merchant's time zone; null = no expiry. */
    .addColumn('expires_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('sale_transaction_id', 'text', (c) => c.notNull().references('ledger_transactions.id'))
    .addColumn('refund_transaction_id', 'text', (c) => c.references('ledger_transactions.id'))
    .addColumn('expiry_transaction_id', 'text', (c) => c.references('ledger_transactions.id'))
    .addColumn('sold_unit_id', 'text', (c) => c.notNull())
    .addColumn('sold_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('member_packages_member_idx')
    .on('member_packages')
    .columns(['member_id', 'id'])
    .execute();
  await db.schema
    .createIndex('member_packages_expiry_idx')
    .on('member_packages')
    .columns(['merchant_id', 'status', 'expires_on'])
    .execute();

  await db.schema
    .createTable('package_payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('package_id', 'text', (c) => c.notNull().references('member_packages.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    /** The package_sale or package_renewal transaction that credited the uses. */
    .addColumn('transaction_id', 'text', (c) => c.notNull().references('ledger_transactions.id'))
    .addColumn('tender', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('uses', 'bigint', (c) => c.notNull())
    /** For a stored-value payment: the spend and what it took from each account. */
    .addColumn('spend_transaction_id', 'text', (c) => c.references('ledger_transactions.id'))
    .addColumn('principal_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bonus_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('package_payments_package_idx')
    .on('package_payments')
    .columns(['package_id', 'id'])
    .execute();
}

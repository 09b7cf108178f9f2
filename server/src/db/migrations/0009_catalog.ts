// Catalog and stock: product categories (three levels), products and services with member
// prices, the card types and levels that buy at the wholesale price, and per-store stock
// with its movements and transfers. On-hand quantities never go below zero unless the row
// says its store allows it (CHECK backs the guarded updates, as in the ledger); movements
// and transfer lines are never edited.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // Prefix searches compare byte ranges; PostgreSQL must order these columns as SQLite does.
  const byteOrder = postgres ? sql`collate "C"` : sql``;

  await db.schema
    .createTable('product_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('parent_id', 'text', (c) => c.references('product_categories.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    /** Ids from the top category down to this one, `/id/id/`, so a subtree is a prefix. */
    .addColumn('path', 'text', (c) => c.notNull().modifyEnd(byteOrder))
    .addColumn('depth', 'integer', (c) => c.notNull().check(sql`depth between 1 and 3`))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('product_categories_path_idx')
    .on('product_categories')
    .columns(['merchant_id', 'path'])
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    /** Null: a headquarters product sold in every store; else the one store that owns it. */
    .addColumn('store_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('product', 'service')`))
    .addColumn('code', 'text', (c) => c.notNull().modifyEnd(byteOrder))
    .addColumn('barcode', 'text', (c) => c.modifyEnd(byteOrder))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().modifyEnd(byteOrder))
    .addColumn('name_initials', 'text', (c) => c.notNull().modifyEnd(byteOrder))
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.references('product_categories.id'))
    .addColumn('retail_price_fen', 'bigint', (c) => c.notNull().check(sql`retail_price_fen >= 0`))
    .addColumn('cost_fen', 'bigint', (c) => c.check(sql`cost_fen >= 0`))
    .addColumn('wholesale_price_fen', 'bigint', (c) => c.check(sql`wholesale_price_fen >= 0`))
    .addColumn('no_member_discount', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('earns_points', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('stock_tracked', 'integer', (c) => c.notNull().defaultTo(0))
    /** Default reorder point for every store; a store's stock row may override it. */
    .addColumn('reorder_point', 'bigint')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('products_code_unique', ['merchant_id', 'code'])
    // Several products without a barcode are fine: NULLs are distinct on both dialects.
    .addUniqueConstraint('products_barcode_unique', ['merchant_id', 'barcode'])
    .execute();
  await db.schema
    .createIndex('products_name_key_idx')
    .on('products')
    .columns(['merchant_id', 'name_key'])
    .execute();
  await db.schema
    .createIndex('products_name_initials_idx')
    .on('products')
    .columns(['merchant_id', 'name_initials'])
    .execute();
  await db.schema
    .createIndex('products_store_idx')
    .on('products')
    .columns(['merchant_id', 'store_id', 'id'])
    .execute();

  await db.schema
    .createTable('product_member_prices')
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('level_id', 'text', (c) => c.references('member_levels.id'))
    .addColumn('card_type_id', 'text', (c) => c.references('card_types.id'))
    .addColumn('price_fen', 'bigint', (c) => c.notNull().check(sql`price_fen >= 0`))
    .addCheckConstraint(
      'product_member_prices_target_check',
      sql`(level_id is null and card_type_id is not null) or (level_id is not null and card_type_id is null)`,
    )
    .addUniqueConstraint('product_member_prices_level_unique', ['product_id', 'level_id'])
    .addUniqueConstraint('product_member_prices_card_type_unique', ['product_id', 'card_type_id'])
    .execute();

  await db.schema
    .createTable('dealer_tiers')
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('level_id', 'text', (c) => c.references('member_levels.id'))
    .addColumn('card_type_id', 'text', (c) => c.references('card_types.id'))
    .addCheckConstraint(
      'dealer_tiers_target_check',
      sql`(level_id is null and card_type_id is not null) or (level_id is not null and card_type_id is null)`,
    )
    .addUniqueConstraint('dealer_tiers_level_unique', ['merchant_id', 'level_id'])
    .addUniqueConstraint('dealer_tiers_card_type_unique', ['merchant_id', 'card_type_id'])
    .execute();

  await db.schema
    .createTable('stock_settings')
    .addColumn('unit_id', 'text', (c) => c.primaryKey().references('org_units.id'))
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('allow_negative', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('stock_levels')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('on_hand', 'bigint', (c) => c.notNull().defaultTo(0))
    /** The store's allow-negative setting, copied here so the CHECK can see it. */
    .addColumn('allow_negative', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reorder_point', 'bigint')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('stock_levels_pk', ['unit_id', 'product_id'])
    .addCheckConstraint('stock_levels_on_hand_check', sql`on_hand >= 0 or allow_negative = 1`)
    .execute();
  await db.schema
    .createIndex('stock_levels_product_idx')
    .on('stock_levels')
    .columns(['product_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('stock_movements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('on_hand_after', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text')
    /** The order, return or transfer the movement belongs to. */
    .addColumn('ref_id', 'text')
    .addColumn('operator_id', 'text', (c) => c.references('operators.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('stock_movements_unit_idx')
    .on('stock_movements')
    .columns(['unit_id', 'id'])
    .execute();
  await db.schema
    .createIndex('stock_movements_product_idx')
    .on('stock_movements')
    .columns(['product_id', 'id'])
    .execute();
  await db.schema.createIndex('stock_movements_ref_idx').on('stock_movements').columns(['ref_id']).execute();

  await db.schema
    .createTable('stock_transfers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('from_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('to_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('sent', 'received', 'cancelled')`))
    .addColumn('note', 'text')
    .addColumn('sent_by', 'text', (c) => c.notNull().references('operators.id'))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('received_by', 'text', (c) => c.references('operators.id'))
    .addColumn('received_at', 'text')
    .addColumn('cancelled_by', 'text', (c) => c.references('operators.id'))
    .addColumn('cancelled_at', 'text')
    .addColumn('cancel_reason', 'text')
    .addCheckConstraint('stock_transfers_stores_check', sql`from_unit_id <> to_unit_id`)
    .execute();
  await db.schema
    .createIndex('stock_transfers_from_idx')
    .on('stock_transfers')
    .columns(['from_unit_id', 'id'])
    .execute();
  await db.schema
    .createIndex('stock_transfers_to_idx')
    .on('stock_transfers')
    .columns(['to_unit_id', 'id'])
    .execute();

  await db.schema
    .createTable('stock_transfer_lines')
    .addColumn('transfer_id', 'text', (c) => c.notNull().references('stock_transfers.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('quantity', 'bigint', (c) => c.notNull().check(sql`quantity > 0`))
    .addPrimaryKeyConstraint('stock_transfer_lines_pk', ['transfer_id', 'line_no'])
    .execute();
}

// Members, their tags and custom fields, card types, cards and card fees, follow-ups, and
// import jobs. Search keys (lower-cased name, pinyin initials, phone tail) are plain
// columns with indexes so a cashier's lookup is an index probe on both dialects; on
// PostgreSQL they use the "C" collation so prefix ranges follow byte order as in SQLite.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const byteOrder = postgres ? sql`collate "C"` : sql``;

  await db.schema
    .createTable('member_levels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('member_levels_rank_unique', ['merchant_id', 'rank'])
    .execute();

  await db.schema
    .createTable('member_fields')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('options_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('member_fields_key_unique', ['merchant_id', 'key'])
    .execute();

  await db.schema
    .createTable('members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('person'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().modifyEnd(byteOrder))
    .addColumn('name_initials', 'text', (c) => c.notNull().modifyEnd(byteOrder))
    .addColumn('mobile', 'text', (c) => c.notNull())
    .addColumn('mobile_tail', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull().defaultTo('unknown'))
    .addColumn('birthday_calendar', 'text')
    .addColumn('birthday_year', 'integer')
    .addColumn('birthday_month', 'integer')
    .addColumn('birthday_day', 'integer')
    .addColumn('birthday_leap_month', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('birthday_solar_month', 'integer')
    .addColumn('anniversaries_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('email', 'text')
    .addColumn('address', 'text')
    .addColumn('occupation', 'text')
    .addColumn('notes', 'text')
    .addColumn('home_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('level_id', 'text', (c) => c.references('member_levels.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('referrer_id', 'text', (c) => c.references('members.id'))
    .addColumn('marketing_consent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('external_id', 'text')
    .addColumn('custom_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('status_reason', 'text')
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('members_mobile_unique', ['merchant_id', 'mobile'])
    .execute();
  await db.schema
    .createIndex('members_mobile_tail_idx')
    .on('members')
    .columns(['merchant_id', 'mobile_tail'])
    .execute();
  await db.schema
    .createIndex('members_name_key_idx')
    .on('members')
    .columns(['merchant_id', 'name_key'])
    .execute();
  await db.schema
    .createIndex('members_name_initials_idx')
    .on('members')
    .columns(['merchant_id', 'name_initials'])
    .execute();
  await db.schema
    .createIndex('members_home_idx')
    .on('members')
    .columns(['merchant_id', 'home_unit_id', 'id'])
    .execute();
  await db.schema
    .createIndex('members_external_idx')
    .on('members')
    .columns(['merchant_id', 'external_id'])
    .unique()
    .where(sql.ref('external_id'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('members_registered_idx')
    .on('members')
    .columns(['merchant_id', 'registered_at'])
    .execute();

  await db.schema
    .createTable('member_tags')
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_tags_pk', ['member_id', 'tag'])
    .execute();
  await db.schema
    .createIndex('member_tags_tag_idx')
    .on('member_tags')
    .columns(['merchant_id', 'tag', 'member_id'])
    .execute();

  await db.schema
    .createTable('card_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('named', 'integer', (c) => c.notNull())
    .addColumn('stored_value', 'integer', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('discount', 'integer', (c) => c.notNull())
    .addColumn('count_based', 'integer', (c) => c.notNull())
    .addColumn('discount_rate', 'integer', (c) => c.notNull().defaultTo(10000))
    .addColumn('points_rate', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('validity_kind', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('validity_months', 'integer')
    .addColumn('validity_date', 'text')
    .addColumn('join_fee_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('annual_fee_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('replacement_fee_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('rechargeable', 'integer', (c) => c.notNull())
    .addColumn('pin_required', 'integer', (c) => c.notNull())
    .addColumn('subsidiary_allowed', 'integer', (c) => c.notNull())
    .addColumn('subsidiary_limit_fen', 'bigint')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('card_types_name_unique', ['merchant_id', 'name'])
    .execute();

  await db.schema
    .createTable('cards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('card_no', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('card_type_id', 'text', (c) => c.notNull().references('card_types.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('holder_name', 'text')
    .addColumn('holder_mobile', 'text')
    .addColumn('spend_limit_fen', 'bigint')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('pin_hash', 'text')
    .addColumn('pin_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_on', 'text')
    .addColumn('replaces_card_id', 'text')
    .addColumn('replaced_by_card_id', 'text')
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text')
    .addColumn('issued_unit_id', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('cards_no_unique', ['merchant_id', 'card_no'])
    .execute();
  await db.schema.createIndex('cards_member_idx').on('cards').columns(['member_id']).execute();

  await db.schema
    .createTable('card_fees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('card_id', 'text', (c) => c.notNull().references('cards.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull().check(sql`amount_fen >= 0`))
    .addColumn('tender', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('card_fees_member_idx').on('card_fees').columns(['member_id']).execute();

  await db.schema
    .createTable('follow_ups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('next_follow_up_on', 'text')
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('follow_ups_member_idx')
    .on('follow_ups')
    .columns(['member_id', 'id'])
    .execute();
  await db.schema
    .createIndex('follow_ups_due_idx')
    .on('follow_ups')
    .columns(['merchant_id', 'done', 'next_follow_up_on'])
    .execute();

  await db.schema
    .createTable('import_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_path', 'text', (c) => c.notNull())
    .addColumn('options_json', 'text', (c) => c.notNull())
    .addColumn('dry_run', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total_rows', 'integer')
    .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('errors_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('failure', 'text')
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
}

// Covering indexes for the cashier's search box: each text form is a range or equality on
// one key and needs only the member id, so the lookup never touches the table.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, column] of [
    ['members_name_key_idx', 'name_key'],
    ['members_name_initials_idx', 'name_initials'],
    ['members_mobile_tail_idx', 'mobile_tail'],
  ] as const) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on('members').columns(['merchant_id', column, 'id']).execute();
  }
}

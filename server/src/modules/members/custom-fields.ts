// Merchant-defined member fields (text, number, date, single or multiple choice) and the
// validation of a member's values against them.
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { MemberFieldsTable } from '../../db/schema.ts';
import type { Trx } from '../../db/transaction.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { isRealDate, nowIso } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError, type FieldProblem } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { createMemberFieldBody, customValues, updateMemberFieldBody } from './schema.ts';

type FieldRow = MemberFieldsTable;
export type CustomValues = z.infer<typeof customValues>;

export function presentField(row: FieldRow) {
  return {
    id: row.id,
    key: row.key,
    label: row.label,
    type: row.type,
    options: JSON.parse(row.optionsJson) as string[],
    required: row.required === 1,
    sort: row.sort,
    status: row.status,
  };
}

export function activeFields(db: Db | Trx, merchantId: string) {
  return db
    .selectFrom('memberFields')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('status', '=', 'active')
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

export async function listFields(db: Db, merchantId: string) {
  const rows = await db
    .selectFrom('memberFields')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .orderBy('sort')
    .orderBy('id')
    .execute();
  return rows.map(presentField);
}

function checkOptions(type: FieldRow['type'], options: string[] | undefined) {
  const choice = type === 'single' || type === 'multi';
  if (choice && (!options || options.length === 0)) {
    throw new AppError('VALIDATION_FAILED', {}, [
      { field: 'options', code: 'options_required', message: '' },
    ]);
  }
  if (!choice && options && options.length > 0) {
    throw new AppError('VALIDATION_FAILED', {}, [
      { field: 'options', code: 'options_not_allowed', message: '' },
    ]);
  }
}

export async function createField(trx: Trx, ctx: CallContext, input: z.infer<typeof createMemberFieldBody>) {
  const merchantId = ctx.actor.merchantId;
  checkOptions(input.type, input.options);
  const taken = await trx
    .selectFrom('memberFields')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('key', '=', input.key)
    .executeTakeFirst();
  if (taken)
    throw new AppError('MEMBER_FIELD_KEY_TAKEN', { key: input.key }, [
      { field: 'key', code: 'taken', message: '' },
    ]);
  const row: FieldRow = {
    id: newId('memberField'),
    merchantId,
    key: input.key,
    label: input.label,
    type: input.type,
    optionsJson: JSON.stringify([...new Set(input.options ?? [])]),
    required: input.required ? 1 : 0,
    sort: input.sort ?? 0,
    status: 'active',
    createdAt: nowIso(),
  };
  await trx.insertInto('memberFields').values(row).execute();
  await recordAudit(trx, ctx, {
    action: 'members.field.create',
    entityType: 'member_field',
    entityId: row.id,
    unitId: null,
    after: row,
  });
  return presentField(row);
}

export async function updateField(
  trx: Trx,
  ctx: CallContext,
  fieldId: string,
  input: z.infer<typeof updateMemberFieldBody>,
) {
  const before = await trx
    .selectFrom('memberFields')
    .selectAll()
    .where('merchantId', '=', ctx.actor.merchantId)
    .where('id', '=', fieldId)
    .executeTakeFirst();
  if (!before) throw new AppError('MEMBER_FIELD_NOT_FOUND');
  if (input.options !== undefined) checkOptions(before.type, input.options);
  const changes: Partial<FieldRow> = {};
  if (input.label !== undefined) changes.label = input.label;
  if (input.options !== undefined) changes.optionsJson = JSON.stringify([...new Set(input.options)]);
  if (input.required !== undefined) changes.required = input.required ? 1 : 0;
  if (input.sort !== undefined) changes.sort = input.sort;
  if (input.status !== undefined) changes.status = input.status;
  if (Object.keys(changes).length > 0)
    await trx.updateTable('memberFields').set(changes).where('id', '=', fieldId).execute();
  const after = { ...before, ...changes };
  await recordAudit(trx, ctx, {
    action: 'members.field.update',
    entityType: 'member_field',
    entityId: fieldId,
    unitId: null,
    before,
    after,
  });
  return presentField(after);
}

/**
 * Checks values against the merchant's active fields and returns them normalised
 * (numbers as numbers, options de-duplicated). `existing` are the member's stored values,
 * so a partial update keeps the rest; `creating` enforces required fields.
 */
export function validateCustomValues(
  fields: FieldRow[],
  values: CustomValues | undefined,
  existing: Record<string, unknown>,
  creating: boolean,
): Record<string, unknown> {
  const problems: FieldProblem[] = [];
  const result: Record<string, unknown> = { ...existing };
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const [key, raw] of Object.entries(values ?? {})) {
    const field = byKey.get(key);
    const path = `custom.${key}`;
    if (!field) {
      problems.push({ field: path, code: 'unknown_field', message: '' });
      continue;
    }
    if (raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0)) {
      delete result[key];
      continue;
    }
    const checked = checkValue(field, raw);
    if (typeof checked === 'string') problems.push({ field: path, code: checked, message: '' });
    else result[key] = checked.value;
  }
  for (const field of fields) {
    if (
      field.required &&
      (creating || values?.[field.key] !== undefined) &&
      result[field.key] === undefined
    ) {
      problems.push({ field: `custom.${field.key}`, code: 'required', message: '' });
    }
  }
  if (problems.length > 0) throw new AppError('CUSTOM_FIELD_INVALID', {}, problems);
  return result;
}

function checkValue(field: FieldRow, raw: string | number | string[]): { value: unknown } | string {
  const options = JSON.parse(field.optionsJson) as string[];
  switch (field.type) {
    case 'text':
      return typeof raw === 'string' ? { value: raw.trim() } : 'expected_text';
    case 'number': {
      const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : Number.NaN;
      return Number.isFinite(value) && (typeof raw === 'number' || raw.toString().trim() !== '')
        ? { value }
        : 'expected_number';
    }
    case 'date':
      return typeof raw === 'string' && isRealDate(raw.trim()) ? { value: raw.trim() } : 'date_invalid';
    case 'single':
      return typeof raw === 'string' && options.includes(raw) ? { value: raw } : 'option_unknown';
    case 'multi': {
      const list = Array.isArray(raw)
        ? raw
        : typeof raw === 'string'
          ? raw
              .split(/[,，、;；]/)
              .map((s) => s.trim())
              .filter(Boolean)
          : [];
      return list.length > 0 && list.every((v) => options.includes(v))
        ? { value: [...new Set(list)] }
        : 'option_unknown';
    }
  }
}

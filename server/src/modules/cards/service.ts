// Cards: issuing one to a member, its life (loss, freeze, replace, cancel, renew, change of
// type), its PIN, and the check every spend makes before touching money. Each operation
// records reason, operator, store and the audit entry in the same transaction.
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { CardStatus, CardsTable, CardTypesTable } from '../../db/schema.ts';
import { inTransaction, type Trx } from '../../db/transaction.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Permission } from '../../platform/access/permissions.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { hashPassword, verifyPassword } from '../../platform/auth/password.ts';
import { addDays, addMonths, nowIso, todayIn } from '../../platform/clock.ts';
import type { CallContext } from '../../platform/context.ts';
import { AppError, isAppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { merchantFacts } from '../../platform/merchant.ts';
import { memberInScope } from '../members/access.ts';
import { normaliseMobile } from '../members/mobile.ts';
import { generateCardNo, normaliseCardNo } from './card-numbers.ts';
import { findCardType } from './card-types.ts';
import {
  type CardOperation,
  effectiveStatus,
  nextStatus,
  stateInvalidParams,
  unusableReason,
} from './lifecycle.ts';
import * as repo from './repo.ts';
import type { issueCardBody } from './schema.ts';

export const maxPinFailures = 5;

export function presentCard(row: repo.CardRow, today: string) {
  return {
    id: row.id,
    cardNo: row.cardNo,
    memberId: row.memberId,
    memberName: row.memberName,
    cardTypeId: row.cardTypeId,
    cardTypeName: row.cardTypeName,
    role: row.role,
    holderName: row.holderName,
    holderMobile: row.holderMobile,
    spendLimit: row.spendLimitFen,
    status: effectiveStatus(row, today),
    statusReason: row.statusReason,
    hasPin: row.pinHash !== null,
    pinLocked: row.pinFailures >= maxPinFailures,
    pinRequired: row.pinRequired === 1,
    expiresOn: row.expiresOn,
    replacesCardId: row.replacesCardId,
    replacedByCardId: row.replacedByCardId,
    issuedAt: row.issuedAt,
    issuedUnitId: row.issuedUnitId,
  };
}

async function today(db: Db | Trx, merchantId: string) {
  return todayIn((await merchantFacts(db, merchantId)).timeZone);
}

/** A card whose member is in the actor's scope for `permission`; otherwise CARD_NOT_FOUND. */
export async function cardInScope(db: Db | Trx, actor: Actor, permission: Permission, cardNo: string) {
  const normalised = normaliseCardNo(cardNo);
  const row = normalised ? await repo.findCardByNo(db, actor.merchantId, normalised) : undefined;
  if (!row) throw new AppError('CARD_NOT_FOUND');
  // Only "no such member" becomes "no such card"; a database error (a PostgreSQL
  // serialisation failure the transaction would retry) passes through as it is.
  await memberInScope(db, actor, permission, row.memberId).catch((error: unknown) => {
    throw isAppError(error) && error.code === 'MEMBER_NOT_FOUND' ? new AppError('CARD_NOT_FOUND') : error;
  });
  return row;
}

export async function getCard(db: Db | Trx, actor: Actor, cardNo: string) {
  const row = await cardInScope(db, actor, 'cards.read', cardNo);
  return presentCard(row, await today(db, actor.merchantId));
}

export async function listMemberCards(db: Db, actor: Actor, memberId: string) {
  await memberInScope(db, actor, 'cards.read', memberId);
  const day = await today(db, actor.merchantId);
  return (await repo.cardsOfMember(db, memberId)).map((row) => presentCard(row, day));
}

/**
 * The last valid day of a card of `type` issued, renewed or moved to it on `day`; null for no
 * expiry. A type that ends on a fixed date already past gives no validity: CARD_TYPE_EXPIRED.
 */
function expiryFor(type: CardTypesTable, day: string): string | null {
  if (type.validityKind === 'months') return addDays(addMonths(day, type.validityMonths ?? 0), -1);
  if (type.validityKind === 'fixed_date') {
    const date = type.validityDate ?? '';
    if (date < day) throw new AppError('CARD_TYPE_EXPIRED', { name: type.name, date });
    return date;
  }
  return null;
}

async function chooseCardNo(trx: Trx, merchantId: string, requested: string | undefined): Promise<string> {
  if (requested !== undefined) {
    const cardNo = normaliseCardNo(requested);
    if (!cardNo)
      throw new AppError('VALIDATION_FAILED', {}, [
        { field: 'cardNo', code: 'card_no_invalid', message: '' },
      ]);
    if (await repo.cardNoTaken(trx, merchantId, cardNo)) {
      throw new AppError('CARD_NO_TAKEN', { cardNo }, [{ field: 'cardNo', code: 'taken', message: '' }]);
    }
    return cardNo;
  }
  for (;;) {
    const cardNo = generateCardNo();
    if (!(await repo.cardNoTaken(trx, merchantId, cardNo))) return cardNo;
  }
}

async function recordFee(
  trx: Trx,
  ctx: CallContext,
  card: { id: string; memberId: string; issuedUnitId: string },
  kind: 'join' | 'annual' | 'replacement',
  amountFen: number,
  tender: string,
) {
  if (amountFen <= 0) return;
  await trx
    .insertInto('cardFees')
    .values({
      id: newId('cardFee'),
      merchantId: ctx.actor.merchantId,
      cardId: card.id,
      memberId: card.memberId,
      kind,
      amountFen,
      tender,
      unitId: ctx.storeId ?? card.issuedUnitId,
      operatorId: ctx.actor.operatorId,
      createdAt: nowIso(),
    })
    .execute();
}

export async function issueCard(
  trx: Trx,
  ctx: CallContext,
  memberId: string,
  input: z.infer<typeof issueCardBody>,
  /** Cards brought over from another system were paid for there: no join fee again. */
  options: { chargeJoinFee?: boolean } = {},
) {
  const { merchantId } = ctx.actor;
  const member = await memberInScope(trx, ctx.actor, 'cards.write', memberId);
  if (member.status !== 'active') throw new AppError('MEMBER_CANCELLED');
  const type = await findCardType(trx, merchantId, input.cardTypeId);
  if (type.status !== 'active')
    throw new AppError('CARD_TYPE_NOT_FOUND', {}, [{ field: 'cardTypeId', code: 'not_found', message: '' }]);
  const role = input.role ?? (member.kind === 'organisation' ? 'holder' : 'primary');
  if (role === 'subsidiary' && !type.subsidiaryAllowed) throw new AppError('SUBSIDIARY_NOT_ALLOWED');
  if (role === 'holder' && member.kind !== 'organisation') {
    throw new AppError('VALIDATION_FAILED', {}, [
      { field: 'role', code: 'holder_needs_organisation', message: '' },
    ]);
  }
  if (type.pinRequired && !input.pin) {
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'pin', code: 'required', message: '' }]);
  }
  if (role !== 'primary' && !input.holderName) {
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'holderName', code: 'required', message: '' }]);
  }
  const holderMobile = input.holderMobile ? normaliseMobile(input.holderMobile) : null;
  if (input.holderMobile && !holderMobile) {
    throw new AppError('VALIDATION_FAILED', {}, [
      { field: 'holderMobile', code: 'mobile_invalid', message: '' },
    ]);
  }
  const day = await today(trx, merchantId);
  const at = nowIso();
  const row: CardsTable = {
    id: newId('card'),
    merchantId,
    cardNo: await chooseCardNo(trx, merchantId, input.cardNo),
    memberId,
    cardTypeId: type.id,
    role,
    holderName: role === 'primary' ? null : (input.holderName ?? null),
    holderMobile: holderMobile ?? null,
    spendLimitFen:
      role === 'primary' ? null : input.spendLimit !== undefined ? input.spendLimit : type.subsidiaryLimitFen,
    status: 'active',
    statusReason: null,
    pinHash: input.pin ? await hashPassword(input.pin) : null,
    pinFailures: 0,
    expiresOn: expiryFor(type, day),
    replacesCardId: null,
    replacedByCardId: null,
    issuedAt: at,
    issuedBy: ctx.actor.operatorId,
    issuedUnitId: ctx.storeId ?? member.homeUnitId,
    updatedAt: at,
    spentFen: 0,
  };
  await repo.insertCard(trx, row);
  if (options.chargeJoinFee !== false)
    await recordFee(trx, ctx, row, 'join', type.joinFeeFen, input.feeTender ?? 'cash');
  await recordAudit(trx, ctx, {
    action: 'cards.issue',
    entityType: 'card',
    entityId: row.id,
    unitId: member.homeUnitId,
    after: row,
  });
  return row.cardNo;
}

const operationPermission: Record<CardOperation, Permission> = {
  'report-loss': 'cards.write',
  'cancel-loss': 'cards.write',
  freeze: 'cards.manage',
  unfreeze: 'cards.manage',
  replace: 'cards.write',
  cancel: 'cards.manage',
  renew: 'cards.write',
};

export function permissionFor(operation: CardOperation): Permission {
  return operationPermission[operation];
}

export interface OperationInput {
  reason?: string | undefined;
  newCardNo?: string | undefined;
  pin?: string | undefined;
  feeTender?: string | undefined;
}

/** Applies one life-cycle operation; a replace also issues the new card and returns its number. */
export async function operateCard(
  trx: Trx,
  ctx: CallContext,
  cardNo: string,
  operation: CardOperation,
  input: OperationInput,
): Promise<{ cardNo: string; newCardNo?: string }> {
  const card = await cardInScope(trx, ctx.actor, operationPermission[operation], cardNo);
  const day = await today(trx, ctx.actor.merchantId);
  const current = effectiveStatus(card, day);
  const target = nextStatus(current, operation);
  if (!target) throw new AppError('CARD_STATE_INVALID', stateInvalidParams(current, operation, ctx.locale));
  const changes: Partial<CardsTable> = {
    status: target,
    statusReason: input.reason || null,
    updatedAt: nowIso(),
  };
  const type = await findCardType(trx, ctx.actor.merchantId, card.cardTypeId);
  let newCardNo: string | undefined;
  if (operation === 'renew') {
    changes.expiresOn = expiryFor(type, day) ?? null;
    await recordFee(trx, ctx, card, 'annual', type.annualFeeFen, input.feeTender ?? 'cash');
  }
  if (operation === 'replace') {
    newCardNo = await issueReplacement(trx, ctx, card, type, input);
    changes.replacedByCardId = (await repo.findCardByNo(trx, ctx.actor.merchantId, newCardNo))!.id;
  }
  const updated = await repo.updateCardGuarded(trx, card.id, card.status, changes);
  if (!updated) throw new AppError('CONFLICT');
  await recordAudit(trx, ctx, {
    action: `cards.${operation}`,
    entityType: 'card',
    entityId: card.id,
    unitId: card.homeUnitId,
    before: { cardNo: card.cardNo, status: current, expiresOn: card.expiresOn },
    after: {
      cardNo: card.cardNo,
      status: target,
      reason: input.reason ?? null,
      expiresOn: changes.expiresOn !== undefined ? changes.expiresOn : card.expiresOn,
      newCardNo,
      storeId: ctx.storeId,
    },
  });
  return newCardNo ? { cardNo: card.cardNo, newCardNo } : { cardNo: card.cardNo };
}

/** 补卡: a new active card for the same member and accounts; the old one becomes void. */
async function issueReplacement(
  trx: Trx,
  ctx: CallContext,
  old: repo.CardRow,
  type: CardTypesTable,
  input: OperationInput,
): Promise<string> {
  const at = nowIso();
  const row: CardsTable = {
    ...old,
    id: newId('card'),
    cardNo: await chooseCardNo(trx, ctx.actor.merchantId, input.newCardNo),
    status: 'active',
    statusReason: input.reason || null,
    pinHash: input.pin ? await hashPassword(input.pin) : old.pinHash,
    pinFailures: 0,
    replacesCardId: old.id,
    replacedByCardId: null,
    issuedAt: at,
    issuedBy: ctx.actor.operatorId,
    issuedUnitId: ctx.storeId ?? old.issuedUnitId,
    updatedAt: at,
  };
  const {
    memberName: _m,
    cardTypeName: _t,
    pinRequired: _p,
    homeUnitId: _h,
    homePath: _hp,
    ...columns
  } = row as repo.CardRow;
  await repo.insertCard(trx, columns);
  await recordFee(trx, ctx, row, 'replacement', type.replacementFeeFen, input.feeTender ?? 'cash');
  return row.cardNo;
}

export async function changeCardType(
  trx: Trx,
  ctx: CallContext,
  cardNo: string,
  cardTypeId: string,
  reason?: string,
) {
  const card = await cardInScope(trx, ctx.actor, 'cards.manage', cardNo);
  const day = await today(trx, ctx.actor.merchantId);
  const current = effectiveStatus(card, day);
  if (current !== 'active')
    throw new AppError('CARD_STATE_INVALID', stateInvalidParams(current, 'change-type', ctx.locale));
  // Moving a card onto its own type would restart its validity without the annual fee.
  if (cardTypeId === card.cardTypeId) {
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'cardTypeId', code: 'unchanged', message: '' }]);
  }
  const type = await findCardType(trx, ctx.actor.merchantId, cardTypeId);
  if (type.status !== 'active') throw new AppError('CARD_TYPE_NOT_FOUND');
  if (card.role === 'subsidiary' && !type.subsidiaryAllowed) throw new AppError('SUBSIDIARY_NOT_ALLOWED');
  // A longer validity is kept: changing type never shortens a card's life, and no expiry
  // (null) is the longest of all.
  const expiry = expiryFor(type, day);
  const expiresOn =
    expiry === null || card.expiresOn === null ? null : ([expiry, card.expiresOn].sort()[1] ?? expiry);
  const updated = await repo.updateCardGuarded(trx, card.id, card.status, {
    cardTypeId,
    expiresOn,
    updatedAt: nowIso(),
  });
  if (!updated) throw new AppError('CONFLICT');
  await recordAudit(trx, ctx, {
    action: 'cards.change-type',
    entityType: 'card',
    entityId: card.id,
    unitId: card.homeUnitId,
    before: { cardTypeId: card.cardTypeId, expiresOn: card.expiresOn },
    after: { cardTypeId, expiresOn, reason: reason ?? null, storeId: ctx.storeId },
  });
}

export async function resetPin(trx: Trx, ctx: CallContext, cardNo: string, pin: string, reason?: string) {
  const card = await cardInScope(trx, ctx.actor, 'cards.manage', cardNo);
  const updated = await repo.updateCardGuarded(trx, card.id, card.status, {
    pinHash: await hashPassword(pin),
    pinFailures: 0,
    updatedAt: nowIso(),
  });
  if (!updated) throw new AppError('CONFLICT');
  await recordAudit(trx, ctx, {
    action: 'cards.reset-pin',
    entityType: 'card',
    entityId: card.id,
    unitId: card.homeUnitId,
    after: { cardNo: card.cardNo, reason: reason ?? null, storeId: ctx.storeId },
  });
}

/**
 * The check before any spend: the card is usable (each unusable state its own code) and,
 * when its type requires one, the PIN is right. Each guess takes a try in its own
 * transaction before it is judged, so the count survives the refusal and simultaneous
 * guesses cannot outrun it; the fifth wrong PIN locks the card, a right one clears the count.
 */
export async function assertCardUsable(db: Db, actor: Actor, cardNo: string, pin: string | undefined) {
  const card = await cardInScope(db, actor, 'cards.read', cardNo);
  const day = await today(db, actor.merchantId);
  const status: CardStatus = effectiveStatus(card, day);
  const reason = unusableReason(status);
  if (reason) throw new AppError(reason);
  if (card.pinRequired === 1 || pin !== undefined) {
    if (card.pinFailures >= maxPinFailures) throw new AppError('CARD_PIN_LOCKED');
    if (pin === undefined || pin === '') throw new AppError('CARD_PIN_REQUIRED');
    const tries = await inTransaction(db, (trx) => repo.takePinTry(trx, card.id, maxPinFailures));
    if (tries === undefined) throw new AppError('CARD_PIN_LOCKED');
    if (!card.pinHash || !(await verifyPassword(card.pinHash, pin))) {
      if (tries >= maxPinFailures) throw new AppError('CARD_PIN_LOCKED');
      throw new AppError('CARD_PIN_INVALID', { remaining: maxPinFailures - tries });
    }
    await inTransaction(db, (trx) => repo.clearPinFailures(trx, card.id));
  }
  return presentCard(card, day);
}

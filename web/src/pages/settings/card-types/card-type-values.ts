// Between a card type and its form. The inputs carry the API's field names (so the server's
// field errors land on them) but people's units: yuan, 折 and points per yuan.
import {
  fenToYuan,
  pointsPerYuanToRate,
  rateToPointsPerYuan,
  rateToZhe,
  yuanToFen,
  zheToRate,
} from '../../../amounts.ts';
import type { CardType } from '../../members/queries.ts';

export interface CardTypeFormValues {
  name: string;
  named: boolean;
  storedValue: boolean;
  points: boolean;
  discount: boolean;
  countBased: boolean;
  /** 折: 9.5 means the member pays 95%. */
  discountRate?: number | null;
  /** Points per yuan of eligible spend. */
  pointsRate?: number | null;
  pinRequired: boolean;
  rechargeable: boolean;
  validity: { kind: 'none' | 'months' | 'fixed_date'; months?: number | null; date?: string | null };
  joinFee?: number | null;
  annualFee?: number | null;
  replacementFee?: number | null;
  subsidiaryAllowed: boolean;
  subsidiaryLimit?: number | null;
  status?: CardType['status'];
}

export const newCardTypeValues: CardTypeFormValues = {
  name: '',
  named: true,
  storedValue: true,
  points: true,
  discount: false,
  countBased: false,
  discountRate: 9.5,
  pointsRate: 1,
  pinRequired: false,
  rechargeable: true,
  validity: { kind: 'none' },
  joinFee: 0,
  annualFee: 0,
  replacementFee: 0,
  subsidiaryAllowed: false,
  subsidiaryLimit: null,
};

export function toFormValues(type: CardType): CardTypeFormValues {
  return {
    name: type.name,
    named: type.named,
    storedValue: type.storedValue,
    points: type.points,
    discount: type.discount,
    countBased: type.countBased,
    discountRate: rateToZhe(type.discountRate),
    pointsRate: rateToPointsPerYuan(type.pointsRate),
    pinRequired: type.pinRequired,
    rechargeable: type.rechargeable,
    validity: {
      kind: type.validity.kind,
      months: type.validity.months ?? null,
      date: type.validity.date ?? null,
    },
    joinFee: fenToYuan(type.joinFee),
    annualFee: fenToYuan(type.annualFee),
    replacementFee: fenToYuan(type.replacementFee),
    subsidiaryAllowed: type.subsidiaryAllowed,
    subsidiaryLimit: type.subsidiaryLimit === null ? null : fenToYuan(type.subsidiaryLimit),
    status: type.status,
  };
}

function validityBody(validity: CardTypeFormValues['validity']) {
  if (validity.kind === 'months') return { kind: 'months' as const, months: validity.months ?? 0 };
  if (validity.kind === 'fixed_date') return { kind: 'fixed_date' as const, date: validity.date ?? '' };
  return { kind: 'none' as const };
}

/**
 * The body as the form says it. A setting hidden behind a switched-off flag goes as its
 * neutral value (no discount, no points rate, no limit), so switching a flag off also clears
 * what hung on it; contradictions the flags still allow are left for the server to explain.
 */
export function toBody(values: CardTypeFormValues) {
  return {
    name: values.name.trim(),
    named: values.named,
    storedValue: values.storedValue,
    points: values.points,
    discount: values.discount,
    countBased: values.countBased,
    discountRate: values.discount ? zheToRate(values.discountRate ?? 10) : 10000,
    pointsRate: values.points ? pointsPerYuanToRate(values.pointsRate ?? 0) : 0,
    pinRequired: values.pinRequired,
    rechargeable: values.storedValue ? values.rechargeable : false,
    validity: validityBody(values.validity),
    joinFee: yuanToFen(values.joinFee ?? 0),
    annualFee: yuanToFen(values.annualFee ?? 0),
    replacementFee: yuanToFen(values.replacementFee ?? 0),
    subsidiaryAllowed: values.subsidiaryAllowed,
    subsidiaryLimit:
      values.subsidiaryAllowed && values.subsidiaryLimit !== null && values.subsidiaryLimit !== undefined
        ? yuanToFen(values.subsidiaryLimit)
        : null,
  };
}

// A points rule's parameters between the server's integers (points per ¥100, multipliers in
// basis points) and the form's human numbers (points per ¥1, 1.5×), per rule kind, plus the
// one-line description the rules table shows.
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { paths } from '../../../api/schema';
import { formatCount } from '../../../format.ts';
import { translateDynamic } from '../../../i18n/index.ts';
import { bpToMultiplier, multiplierToBp } from '../money.ts';
import type { PointsRule } from '../queries.ts';

export type PointsRuleBody =
  paths['/api/v1/points-rules']['post']['requestBody']['content']['application/json'];
export type RuleKind = PointsRuleBody['kind'];

export const ruleKinds: readonly RuleKind[] = [
  'base_rate',
  'level_multiplier',
  'store_multiplier',
  'category_multiplier',
  'weekday_multiplier',
  'member_day',
  'birthday_multiplier',
  'order_cap',
  'daily_cap',
];

export interface ParamValues {
  cardTypeIds?: string[];
  levelIds?: string[];
  storeIds?: string[];
  categoryIds?: string[];
  weekdays?: number[];
  monthDays?: number[];
  window?: 'day' | 'week' | 'month';
  /** Points per ¥1 (the server keeps points per ¥100). */
  rate?: number;
  multiplier?: number;
  maxPoints?: number;
}

export interface PointsRuleFormValues {
  name: string;
  kind: RuleKind;
  params: ParamValues;
  dates?: [Dayjs | null, Dayjs | null] | null;
  status: 'active' | 'archived';
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

function params(kind: RuleKind, p: ParamValues) {
  const multiplierBp = multiplierToBp(p.multiplier ?? 1);
  switch (kind) {
    case 'base_rate':
      return {
        cardTypeIds: p.cardTypeIds ?? [],
        levelIds: p.levelIds ?? [],
        rate: Math.round((p.rate ?? 0) * 100),
      };
    case 'level_multiplier':
      return { levelIds: p.levelIds ?? [], multiplierBp };
    case 'store_multiplier':
      return { storeIds: p.storeIds ?? [], multiplierBp };
    case 'category_multiplier':
      return { categoryIds: p.categoryIds ?? [], multiplierBp };
    case 'weekday_multiplier':
      return { weekdays: p.weekdays ?? [], multiplierBp };
    case 'member_day':
      return { weekdays: p.weekdays ?? [], monthDays: p.monthDays ?? [], multiplierBp };
    case 'birthday_multiplier':
      return { window: p.window ?? 'day', multiplierBp };
    default:
      return { maxPoints: p.maxPoints ?? 0 };
  }
}

export function toBody(values: PointsRuleFormValues): PointsRuleBody {
  // The union is discriminated by kind; params() returns the shape that kind takes.
  return {
    name: values.name.trim(),
    kind: values.kind,
    params: params(values.kind, values.params ?? {}),
    startsOn: day(values.dates?.[0]),
    endsOn: day(values.dates?.[1]),
    status: values.status,
  } as PointsRuleBody;
}

export function toFormValues(rule: PointsRule): PointsRuleFormValues {
  const p = rule.params as Record<string, unknown>;
  const list = <T>(key: string) => (Array.isArray(p[key]) ? (p[key] as T[]) : undefined);
  return {
    name: rule.name,
    kind: rule.kind as RuleKind,
    params: {
      cardTypeIds: list<string>('cardTypeIds'),
      levelIds: list<string>('levelIds'),
      storeIds: list<string>('storeIds'),
      categoryIds: list<string>('categoryIds'),
      weekdays: list<number>('weekdays'),
      monthDays: list<number>('monthDays'),
      window: p.window as ParamValues['window'],
      rate: typeof p.rate === 'number' ? p.rate / 100 : undefined,
      multiplier: typeof p.multiplierBp === 'number' ? bpToMultiplier(p.multiplierBp) : undefined,
      maxPoints: typeof p.maxPoints === 'number' ? p.maxPoints : undefined,
    },
    dates:
      rule.startsOn || rule.endsOn
        ? [rule.startsOn ? dayjs(rule.startsOn) : null, rule.endsOn ? dayjs(rule.endsOn) : null]
        : null,
    status: rule.status,
  };
}

export function withStatus(rule: PointsRule, status: PointsRule['status']): PointsRuleBody {
  return toBody({ ...toFormValues(rule), status });
}

/** "每 ¥1 积 1.5 分", "2 倍 · 周六、周日", "最多 500 分" in the current language. */
export function useDescribeParams(names: { nameOf: (id: string) => string }): (rule: PointsRule) => string {
  const { t } = useTranslation();
  return (rule) => {
    const p = toFormValues(rule).params;
    const parts: string[] = [];
    if (p.rate !== undefined) parts.push(t('value.points.rateText', { rate: String(p.rate) }));
    if (p.multiplier !== undefined)
      parts.push(t('value.points.multiplierText', { multiplier: String(p.multiplier) }));
    if (p.maxPoints !== undefined)
      parts.push(t('value.points.maxPointsText', { points: formatCount(p.maxPoints) }));
    const ids = [
      ...(p.cardTypeIds ?? []),
      ...(p.levelIds ?? []),
      ...(p.storeIds ?? []),
      ...(p.categoryIds ?? []),
    ];
    if (ids.length > 0) parts.push(ids.map(names.nameOf).join('、'));
    if (p.weekdays?.length)
      parts.push(
        p.weekdays.map((d) => translateDynamic(`value.points.weekdayNames.${d}`, String(d))).join('、'),
      );
    if (p.monthDays?.length) parts.push(t('value.points.monthDayText', { days: p.monthDays.join('、') }));
    if (p.window) parts.push(translateDynamic(`value.points.windows.${p.window}`, p.window));
    return parts.join(' · ');
  };
}

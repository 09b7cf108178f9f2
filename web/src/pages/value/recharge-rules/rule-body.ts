// Between a recharge rule as the server keeps it (fen, basis points, day strings) and as the
// form edits it (yuan, percent, dayjs), plus the one-line description the table shows.
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../format.ts';
import { fenToYuan, percentToBp, yuanToFen } from '../money.ts';
import type { RechargeRule } from '../queries.ts';

export interface RuleFormValues {
  name: string;
  kind: 'tiers' | 'percent';
  tiers?: { min?: number; bonus?: number }[];
  percent?: number;
  cap?: number | null;
  dates?: [Dayjs | null, Dayjs | null] | null;
  storeIds?: string[];
  cardTypeIds?: string[];
  priority?: number;
  status: 'active' | 'archived';
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

export function toBody(values: RuleFormValues) {
  return {
    name: values.name.trim(),
    kind: values.kind,
    ...(values.kind === 'tiers'
      ? {
          tiers: (values.tiers ?? []).map((tier) => ({
            minFen: yuanToFen(tier.min ?? 0),
            bonusFen: yuanToFen(tier.bonus ?? 0),
          })),
        }
      : {
          percentBp: percentToBp(values.percent ?? 0),
          maxBonusFen: typeof values.cap === 'number' ? yuanToFen(values.cap) : null,
        }),
    startsOn: day(values.dates?.[0]),
    endsOn: day(values.dates?.[1]),
    storeIds: values.storeIds ?? [],
    cardTypeIds: values.cardTypeIds ?? [],
    priority: values.priority ?? 0,
    status: values.status,
  };
}

export function toFormValues(rule: RechargeRule): RuleFormValues {
  return {
    name: rule.name,
    kind: rule.kind,
    tiers: rule.tiers.map((tier) => ({ min: fenToYuan(tier.minFen), bonus: fenToYuan(tier.bonusFen) })),
    percent: rule.percentBp === null ? undefined : rule.percentBp / 100,
    cap: rule.maxBonusFen === null ? null : fenToYuan(rule.maxBonusFen),
    dates:
      rule.startsOn || rule.endsOn
        ? [rule.startsOn ? dayjs(rule.startsOn) : null, rule.endsOn ? dayjs(rule.endsOn) : null]
        : null,
    storeIds: rule.unitIds,
    cardTypeIds: rule.cardTypeIds,
    priority: rule.priority,
    status: rule.status,
  };
}

/** The same rule with another status, for archiving or re-activating it from the table. */
export function withStatus(rule: RechargeRule, status: RechargeRule['status']) {
  return toBody({ ...toFormValues(rule), status });
}

/** "充 ¥100.00 送 ¥20.00；充 ¥500.00 送 ¥120.00" or "赠送 10%，最多 ¥50.00", in the current language. */
export function useDescribeBonus(): (rule: RechargeRule) => string {
  const { t } = useTranslation();
  return (rule) => {
    if (rule.kind === 'tiers') {
      return rule.tiers
        .map((tier) =>
          t('value.rechargeRules.tier', { min: formatMoney(tier.minFen), bonus: formatMoney(tier.bonusFen) }),
        )
        .join(t('value.rechargeRules.tierSeparator'));
    }
    const percent = String((rule.percentBp ?? 0) / 100);
    return rule.maxBonusFen === null
      ? t('value.rechargeRules.percentText', { percent })
      : t('value.rechargeRules.percentCap', { percent, cap: formatMoney(rule.maxBonusFen) });
  };
}

// A birthday on the solar or the lunar calendar: year (optional), month and day, and for a
// lunar date whether it falls in the leap month. Lunar months and days use their Chinese
// names (正月, 初八) so a date reads the way the member says it.
import { Checkbox, Flex, InputNumber, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { namesFrom } from '../shared/birthday-text.ts';
import type { BirthdayValue } from './member-form-values.ts';

const empty: BirthdayValue = { calendar: 'solar' };

function numbers(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i + 1);
}

export function BirthdayInput({
  value,
  onChange,
  id,
}: {
  value?: BirthdayValue | null;
  onChange?: (value: BirthdayValue) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const current = value ?? empty;
  const lunar = current.calendar === 'lunar';
  const set = (changes: Partial<BirthdayValue>) => onChange?.({ ...current, ...changes });
  const monthLabel = (m: number) =>
    lunar ? namesFrom(t('members.birthday.lunarMonths'), m) : t('members.birthday.monthN', { month: m });
  const dayLabel = (d: number) =>
    lunar ? namesFrom(t('members.birthday.lunarDays'), d) : t('members.birthday.dayN', { day: d });

  return (
    <Flex gap={8} wrap align="center" id={id}>
      <Radio.Group
        optionType="button"
        value={current.calendar}
        onChange={(e) => set({ calendar: e.target.value, leapMonth: false })}
        options={[
          { value: 'solar', label: t('members.birthday.solar') },
          { value: 'lunar', label: t('members.birthday.lunar') },
        ]}
        data-testid="birthday-calendar"
      />
      <InputNumber
        value={current.year ?? null}
        onChange={(year) => set({ year: year ?? null })}
        min={1900}
        max={2100}
        precision={0}
        placeholder={t('members.birthday.year')}
        aria-label={t('members.birthday.year')}
        style={{ width: 110 }}
      />
      <Select
        value={current.month ?? undefined}
        onChange={(month?: number) => set({ month: month ?? null })}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('members.birthday.month')}
        aria-label={t('members.birthday.month')}
        options={numbers(12).map((m) => ({ value: m, label: monthLabel(m) }))}
        style={{ width: 100 }}
        data-testid="birthday-month"
      />
      <Select
        value={current.day ?? undefined}
        onChange={(day?: number) => set({ day: day ?? null })}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('members.birthday.day')}
        aria-label={t('members.birthday.day')}
        options={numbers(lunar ? 30 : 31).map((d) => ({ value: d, label: dayLabel(d) }))}
        style={{ width: 100 }}
        data-testid="birthday-day"
      />
      {lunar && (
        <Checkbox checked={Boolean(current.leapMonth)} onChange={(e) => set({ leapMonth: e.target.checked })}>
          {t('members.birthday.leapMonth')}
        </Checkbox>
      )}
    </Flex>
  );
}

/** Month and day go together: one without the other is not a birthday. */
export function birthdayComplete(value: BirthdayValue | null | undefined): boolean {
  if (!value) return true;
  return Boolean(value.month) === Boolean(value.day);
}

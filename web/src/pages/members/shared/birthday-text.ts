// A birthday as a person reads it: 公历 05-12 (1990), or 农历闰四月初八 with the lunar names.
import type { TFunction } from 'i18next';
import type { Member } from '../queries.ts';

/** Names from a comma-separated catalogue entry (正月,二月,…), falling back to the number. */
export function namesFrom(list: string, n: number): string {
  return list.split(',')[n - 1] ?? String(n);
}

const pad = (n: number) => String(n).padStart(2, '0');

export function birthdayText(birthday: Member['birthday'], t: TFunction): string {
  if (!birthday) return '';
  const year = birthday.year ? t('members.birthday.yearSuffix', { year: birthday.year }) : '';
  if (birthday.calendar === 'solar') {
    return `${t('members.birthday.solarText', { date: `${pad(birthday.month)}-${pad(birthday.day)}` })}${year}`;
  }
  const text = t('members.birthday.lunarText', {
    leap: birthday.leapMonth ? t('members.birthday.leapPrefix') : '',
    month: namesFrom(t('members.birthday.lunarMonths'), birthday.month),
    day: namesFrom(t('members.birthday.lunarDays'), birthday.day),
  });
  return `${text}${year}`;
}

// The values messy spreadsheets hold: dates in many forms and as Excel serials, lunar dates
// in Chinese, genders, phone numbers as numbers, tags split by any separator.
import { describe, expect, it } from 'vitest';
import { suggestMapping } from './mapping.ts';
import { mobileText, parseBirthday, parseDateParts, parseGender, splitList } from './values.ts';

describe('dates', () => {
  it.each([
    ['2024-01-05', { year: 2024, month: 1, day: 5 }],
    ['2024/1/5', { year: 2024, month: 1, day: 5 }],
    ['2024.1.5', { year: 2024, month: 1, day: 5 }],
    ['2024年1月5日', { year: 2024, month: 1, day: 5 }],
    ['19900520', { year: 1990, month: 5, day: 20 }],
    [19900520, { year: 1990, month: 5, day: 20 }],
    ['1990-05-20 00:00:00', { year: 1990, month: 5, day: 20 }],
    ['5/20/1990', { year: 1990, month: 5, day: 20 }],
    ['20/5/1990', { year: 1990, month: 5, day: 20 }],
    ['5月20日', { year: null, month: 5, day: 20 }],
    ['05-20', { year: null, month: 5, day: 20 }],
    [33000, { year: 1990, month: 5, day: 7 }],
    ['２０２４－０１－０５', { year: 2024, month: 1, day: 5 }],
  ])('reads %j', (cell, expected) => {
    expect(parseDateParts(cell)).toMatchObject(expected);
  });

  it('reads a date cell as the calendar date Excel shows', () => {
    expect(parseDateParts(new Date(Date.UTC(1990, 4, 20)))).toMatchObject({ year: 1990, month: 5, day: 20 });
  });

  it('refuses what is not a date', () => {
    expect(parseDateParts('soon')).toBeUndefined();
    expect(parseBirthday('1990-02-30x', false)).toEqual({ problem: 'date_invalid' });
  });
});

describe('birthdays', () => {
  it.each([
    ['农历 1990-08-15', { calendar: 'lunar', year: 1990, month: 8, day: 15, leapMonth: false }],
    ['1990-08-15(农历)', { calendar: 'lunar', year: 1990, month: 8, day: 15 }],
    ['lunar 2023-leap 02-10', { calendar: 'lunar', year: 2023, month: 2, day: 10, leapMonth: true }],
    ['农历 2023-闰02-10', { calendar: 'lunar', month: 2, day: 10, leapMonth: true }],
    ['五月初八', { calendar: 'lunar', year: null, month: 5, day: 8 }],
    ['腊月廿三', { calendar: 'lunar', month: 12, day: 23 }],
    ['1990年正月十五', { calendar: 'lunar', year: 1990, month: 1, day: 15 }],
    ['公历 1990-05-20', { calendar: 'solar', year: 1990, month: 5, day: 20 }],
  ])('reads %j', (cell, expected) => {
    expect(parseBirthday(cell, false)).toEqual({ value: expect.objectContaining(expected) });
  });

  it('takes the calendar from the column when the value does not say', () => {
    expect(parseBirthday('1990-08-15', true)).toEqual({
      value: expect.objectContaining({ calendar: 'lunar' }),
    });
  });
});

describe('other values', () => {
  it.each([
    ['男', 'male'],
    ['M', 'male'],
    ['Female', 'female'],
    ['女士', 'female'],
    ['2', 'female'],
    ['保密', 'unknown'],
  ])('reads gender %s', (cell, gender) => {
    expect(parseGender(cell)).toEqual({ value: gender });
  });

  it('reads a phone typed as a number and spots one Excel turned into an exponent', () => {
    expect(mobileText(13800138000)).toEqual({ value: '13800138000' });
    expect(mobileText('1.38001E+10')).toEqual({ problem: 'mobile_scientific' });
  });

  it('splits tags on every separator people use', () => {
    expect(splitList('VIP, 咖啡，烘焙、亲子;老客；VIP')).toEqual(['VIP', '咖啡', '烘焙', '亲子', '老客']);
  });

  it('maps headers with notes and marks, and flags balance columns', () => {
    expect(
      suggestMapping(['*姓名', '手机号(必填)', '生日（农历）', '卡内余额', '会员积分', '序号'], []),
    ).toEqual({
      '*姓名': 'name',
      '手机号(必填)': 'mobile',
      '生日（农历）': 'lunarBirthday',
      卡内余额: 'balance',
      会员积分: 'points',
      序号: 'ignore',
    });
  });
});

// Reading the values real spreadsheets hold: phone numbers typed as numbers or with spaces,
// dates as Excel serials or in a dozen written forms, 男/女/M/F, lunar dates in Chinese
// (农历五月初八), tags split by any of , ， 、 ; ；. Each parser answers a value or a reason code.
import type { Cell } from './parse.ts';
import { cellText } from './parse.ts';

export type Parsed<T> = { value: T } | { problem: string };

const fullWidth = /[\uFF01-\uFF5E]/;

/** Full-width digits, letters and punctuation (１３８, ＋, －) as their ASCII forms. */
export function halfWidth(text: string): string {
  if (!fullWidth.test(text)) return text;
  return text.replace(/[\uFF01-\uFF5E]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
}

/** A cell as text for a mobile number: numbers without exponent or decimals. */
export function mobileText(cell: Cell): Parsed<string> {
  if (typeof cell === 'number') {
    return Number.isInteger(cell) ? { value: String(cell) } : { problem: 'mobile_invalid' };
  }
  const text = halfWidth(cellText(cell)).replace(/^tel:/i, '');
  // Excel shows a long number as 1.38001E+10 and a CSV saved from that view keeps only those digits.
  if (/^\d(\.\d+)?e\+?\d+$/i.test(text)) return { problem: 'mobile_scientific' };
  return { value: text };
}

const genderWords: Record<string, 'male' | 'female' | 'unknown'> = {
  男: 'male',
  男性: 'male',
  先生: 'male',
  m: 'male',
  male: 'male',
  man: 'male',
  女: 'female',
  女性: 'female',
  女士: 'female',
  小姐: 'female',
  f: 'female',
  female: 'female',
  woman: 'female',
  未知: 'unknown',
  保密: 'unknown',
  不详: 'unknown',
  u: 'unknown',
  unknown: 'unknown',
};

export function parseGender(cell: Cell): Parsed<'male' | 'female' | 'unknown'> {
  const text = halfWidth(cellText(cell)).toLowerCase();
  // Many Chinese systems export 1 = male, 2 = female, 0 = unknown.
  const coded = ({ '1': 'male', '2': 'female', '0': 'unknown' } as const)[text];
  const gender = genderWords[text] ?? coded;
  return gender ? { value: gender } : { problem: 'gender_invalid' };
}

export interface DateParts {
  year: number | null;
  month: number;
  day: number;
  leapMonth: boolean;
}

/** Days from 1899-12-30 (Excel's day 0, counting its 1900 leap-year bug) to a calendar date. */
function fromExcelSerial(serial: number): DateParts {
  const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    leapMonth: false,
  };
}

const lunarMonthNames: Record<string, number> = {
  正: 1,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
  十一: 11,
  冬: 11,
  十二: 12,
  腊: 12,
  臘: 12,
};

const digitNames: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

/** 初一…初十, 十一…十九, 二十, 廿一…廿九, 三十 (and 卅). */
function lunarDay(text: string): number | undefined {
  if (/^初[一二三四五六七八九十]$/.test(text)) return digitNames[text[1]!];
  if (text === '二十' || text === '廿十') return 20;
  if (text === '三十' || text === '卅') return 30;
  if (/^十[一二三四五六七八九]$/.test(text)) return 10 + digitNames[text[1]!]!;
  if (/^(廿|二十)[一二三四五六七八九]$/.test(text)) return 20 + digitNames[text.at(-1)!]!;
  return undefined;
}

/** A lunar date written in Chinese: (1990年)(闰)五月初八, 腊月廿三, 正月十五. */
function chineseLunarDate(text: string): DateParts | undefined {
  const match = /^(?:(\d{4})年)?(闰|閏)?(正|一|二|三|四|五|六|七|八|九|十|十一|十二|冬|腊|臘)月(.+)$/.exec(
    text,
  );
  if (!match) return undefined;
  const day = lunarDay(match[4]!.replace(/日$/, ''));
  if (day === undefined) return undefined;
  return {
    year: match[1] ? Number(match[1]) : null,
    month: lunarMonthNames[match[3]!]!,
    day,
    leapMonth: Boolean(match[2]),
  };
}

function parts(year: string | null, month: string, day: string, leap = false): DateParts {
  return {
    year: year === null ? null : Number(year),
    month: Number(month),
    day: Number(day),
    leapMonth: leap,
  };
}

/**
 * A date in any of the forms spreadsheets hold: a Date cell, an Excel serial, 19900520,
 * 1990-05-20 / 1990/5/20 / 1990.5.20 / 1990年5月20日 (with or without a time), 5/20/1990
 * or 20/5/1990 when the first part cannot be a month, and 5月20日 / 05-20 without a year.
 */
export function parseDateParts(cell: Cell): DateParts | undefined {
  if (cell instanceof Date) {
    return {
      year: cell.getUTCFullYear(),
      month: cell.getUTCMonth() + 1,
      day: cell.getUTCDate(),
      leapMonth: false,
    };
  }
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 19000101 && cell <= 21001231) {
      const text = String(cell);
      return parts(text.slice(0, 4), text.slice(4, 6), text.slice(6, 8));
    }
    return cell >= 1 && cell < 2_958_466 ? fromExcelSerial(cell) : undefined;
  }
  const text = halfWidth(cellText(cell))
    .replace(/[\sT]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/, '')
    .replace(/\s+/g, '');
  let match = /^(\d{4})[-/.年](闰)?(\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (match) return parts(match[1]!, match[3]!, match[4]!, Boolean(match[2]));
  match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (match) return parts(match[1]!, match[2]!, match[3]!);
  match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (match) {
    const [first, second] = [Number(match[1]), Number(match[2])];
    return first > 12 && second <= 12
      ? parts(match[3]!, match[2]!, match[1]!)
      : parts(match[3]!, match[1]!, match[2]!);
  }
  match = /^(闰)?(\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (match) return parts(null, match[2]!, match[3]!, Boolean(match[1]));
  if (/^\d+(\.\d+)?$/.test(text)) return parseDateParts(Number(text));
  return chineseLunarDate(text);
}

const lunarMarks = /农历|農曆|阴历|陰曆|lunar|\(农\)|（农）/i;
const solarMarks = /公历|公曆|阳历|陽曆|新历|solar/i;

export interface BirthdayValue {
  calendar: 'solar' | 'lunar';
  year: number | null;
  month: number;
  day: number;
  leapMonth: boolean;
}

/**
 * A birthday cell. `lunar` comes from the column (农历生日) or a 生日类型 cell; the value
 * itself may also say 农历/阴历 (as this system's export writes it) or be a Chinese lunar date.
 */
export function parseBirthday(cell: Cell, lunar: boolean): Parsed<BirthdayValue> {
  let calendar: 'solar' | 'lunar' = lunar ? 'lunar' : 'solar';
  let value: Cell = cell;
  if (typeof cell === 'string') {
    if (lunarMarks.test(cell)) calendar = 'lunar';
    else if (solarMarks.test(cell)) calendar = 'solar';
    value = cell
      .replace(lunarMarks, '')
      .replace(solarMarks, '')
      .replace(/\bleap\s*/i, '闰')
      .replace(/[()（）:：]/g, ' ')
      .trim();
    if (/[闰閏]|[正冬腊臘]月|初[一二三四五六七八九十]|廿/.test(value)) calendar = 'lunar';
  }
  const date = parseDateParts(value);
  if (!date) return { problem: 'date_invalid' };
  if (date.leapMonth && calendar === 'solar') return { problem: 'leap_month_solar' };
  return { value: { calendar, ...date } };
}

/** A 生日类型 cell: 农历/阴历/lunar (or 1/是/Y) means lunar; blank, 公历/阳历/solar (0/否/N) solar. */
export function parseCalendarFlag(cell: Cell): Parsed<boolean> {
  const text = halfWidth(cellText(cell)).toLowerCase();
  if (text === '' || solarMarks.test(text) || ['0', '否', 'n', 'no', 'false', '新历'].includes(text)) {
    return { value: false };
  }
  if (lunarMarks.test(text) || ['1', '是', 'y', 'yes', 'true', '农', '阴'].includes(text))
    return { value: true };
  return { problem: 'calendar_invalid' };
}

/** A plain calendar date (YYYY-MM-DD) from any date form, year required. */
export function parseIsoDate(cell: Cell): Parsed<string> {
  const date = parseDateParts(cell);
  if (!date || date.year === null || date.leapMonth) return { problem: 'date_invalid' };
  const iso = `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
  const check = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== iso)
    return { problem: 'date_invalid' };
  return { value: iso };
}

/** Tags separated by any of , ， 、 ; ； | or a line break; trimmed and de-duplicated. */
export function splitList(cell: Cell): string[] {
  return [
    ...new Set(
      cellText(cell)
        .split(/[,，、;；|\n]/)
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ];
}

/** An identifier typed as a number (10001, or 10001.0 from some exports) as its digits. */
export function identifierText(cell: Cell): string {
  if (typeof cell === 'number' && Number.isInteger(cell)) return String(cell);
  return halfWidth(cellText(cell));
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const controlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Free text within `max` characters and without control characters. */
export function plainText(cell: Cell, max: number): Parsed<string> {
  const text = cellText(cell);
  if (text.length > max) return { problem: 'too_long' };
  if (controlChars.test(text)) return { problem: 'control_chars' };
  return { value: text };
}

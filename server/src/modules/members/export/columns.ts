// The columns of a member export, headed in the caller's language, and how each member's
// value is written. The Chinese headers and the birthday form (农历 1990-05-20) are the ones
// the importer recognises, so an export can be edited and imported back.
import type { Locale } from '../../../config.ts';
import type { MemberFieldsTable } from '../../../db/schema.ts';
import type { TableColumn } from '../../../platform/export/table.ts';
import type { MemberView } from '../present.ts';

export interface ExportMember {
  view: MemberView;
  cards: Array<{ cardNo: string; typeName: string }>;
}

export type ExportColumn = TableColumn<ExportMember>;

const genders: Record<Locale, Record<MemberView['gender'], string>> = {
  'zh-CN': { male: '男', female: '女', unknown: '未知' },
  'en-US': { male: 'male', female: 'female', unknown: 'unknown' },
};

const statuses: Record<Locale, Record<MemberView['status'], string>> = {
  'zh-CN': { active: '正常', cancelled: '已取消资格' },
  'en-US': { active: 'active', cancelled: 'cancelled' },
};

const pad = (n: number) => String(n).padStart(2, '0');

/** 1990-05-20, 05-20 without a year; lunar ones marked: 农历 1990-闰04-20 / lunar 1990-leap 04-20. */
export function birthdayText(birthday: MemberView['birthday'], locale: Locale): string {
  if (!birthday) return '';
  const leap = birthday.leapMonth ? (locale === 'zh-CN' ? '闰' : 'leap ') : '';
  const date = `${birthday.year ? `${birthday.year}-` : ''}${leap}${pad(birthday.month)}-${pad(birthday.day)}`;
  if (birthday.calendar === 'solar') return date;
  return `${locale === 'zh-CN' ? '农历' : 'lunar'} ${date}`;
}

function customText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** "2024-01-05 09:30" in the merchant's time zone. */
function timestampFormatter(timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (iso) => format.format(new Date(iso)).replace(', ', ' ');
}

export function exportColumns(locale: Locale, timeZone: string, fields: MemberFieldsTable[]): ExportColumn[] {
  const zh = locale === 'zh-CN';
  const column = (zhHeader: string, enHeader: string, width: number, value: ExportColumn['value']) => ({
    header: zh ? zhHeader : enHeader,
    width,
    value,
  });
  const timestamp = timestampFormatter(timeZone);
  return [
    column('会员编号', 'Member number', 14, (m) => m.view.externalId ?? ''),
    column('姓名', 'Name', 12, (m) => m.view.name),
    column('手机号', 'Mobile', 15, (m) => m.view.mobile),
    column('性别', 'Gender', 8, (m) => genders[locale][m.view.gender]),
    column('生日', 'Birthday', 18, (m) => birthdayText(m.view.birthday, locale)),
    column('邮箱', 'Email', 24, (m) => m.view.email ?? ''),
    column('地址', 'Address', 30, (m) => m.view.address ?? ''),
    column('职业', 'Occupation', 12, (m) => m.view.occupation ?? ''),
    column('标签', 'Tags', 20, (m) => m.view.tags.join(zh ? '、' : ', ')),
    column('门店', 'Home store', 16, (m) => m.view.homeStoreName),
    column('会员等级', 'Level', 10, (m) => m.view.levelName ?? ''),
    column('卡号', 'Card numbers', 20, (m) => m.cards.map((c) => c.cardNo).join(', ')),
    column('卡类型', 'Card types', 12, (m) => m.cards.map((c) => c.typeName).join(', ')),
    column('状态', 'Status', 10, (m) => statuses[locale][m.view.status]),
    column('注册时间', 'Registered at', 17, (m) => timestamp(m.view.registeredAt)),
    column('备注', 'Notes', 30, (m) => m.view.notes ?? ''),
    column('会员ID', 'Member ID', 30, (m) => m.view.id),
    ...fields.map((field) => ({
      header: field.label,
      width: 14,
      value: (m: ExportMember) => customText(m.view.custom[field.key]),
    })),
  ];
}

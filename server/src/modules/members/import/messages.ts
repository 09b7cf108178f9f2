// What is wrong with a row, in the caller's language. Reasons shared with the rest of the
// API (mobile_invalid, date_invalid, required…) come from the common field messages.
import type { Locale } from '../../../config.ts';
import { AppError } from '../../../platform/errors.ts';
import { describeIssue } from '../../../platform/i18n/field-messages.ts';
import { interpolate } from '../../../platform/i18n/messages.ts';
import { FileProblem } from './parse.ts';

const rowReasons: Record<string, Record<Locale, string>> = {
  mobile_scientific: {
    'zh-CN': '手机号被 Excel 显示成了科学计数法，请把该列设为文本后重新导出',
    'en-US':
      'Excel turned this phone number into scientific notation; format the column as text and export again',
  },
  mobile_duplicate_in_file: {
    'zh-CN': '与第 {{firstRow}} 行的手机号重复',
    'en-US': 'Same mobile number as row {{firstRow}}',
  },
  external_id_duplicate_in_file: {
    'zh-CN': '与第 {{firstRow}} 行的会员编号重复',
    'en-US': 'Same member number as row {{firstRow}}',
  },
  card_no_duplicate_in_file: {
    'zh-CN': '与第 {{firstRow}} 行的卡号重复',
    'en-US': 'Same card number as row {{firstRow}}',
  },
  gender_invalid: { 'zh-CN': '性别应为 男/女（或 M/F）', 'en-US': 'Gender must be male/female (M/F, 男/女)' },
  calendar_invalid: { 'zh-CN': '生日类型应为 公历 或 农历', 'en-US': 'Birthday type must be solar or lunar' },
  email_invalid: { 'zh-CN': '邮箱格式不正确', 'en-US': 'Not a valid email address' },
  too_long: { 'zh-CN': '最多 {{max}} 个字符', 'en-US': 'At most {{max}} characters' },
  tag_too_long: {
    'zh-CN': '每个标签最多 {{max}} 个字符',
    'en-US': 'Each tag has at most {{max}} characters',
  },
  too_many_tags: { 'zh-CN': '最多 {{max}} 个标签', 'en-US': 'At most {{max}} tags' },
  store_not_found: {
    'zh-CN': '没有这个门店（按门店编码或名称查找），或不在您的管辖范围内',
    'en-US': 'No such store (by code or name) within your scope',
  },
  store_required: {
    'zh-CN': '新会员需要门店：请在文件中填写门店，或指定默认门店',
    'en-US': 'A new member needs a home store: fill in the store column or choose a default store',
  },
  store_ambiguous: {
    'zh-CN': '有多个同名门店，请改用门店编码',
    'en-US': 'Several stores have this name; use the store code',
  },
  level_not_found: { 'zh-CN': '没有这个会员等级', 'en-US': 'No such member level' },
  card_type_not_found: {
    'zh-CN': '没有这个卡类型（或已停用）',
    'en-US': 'No such card type (or it is archived)',
  },
  card_no_taken: { 'zh-CN': '该卡号已属于其他会员', 'en-US': 'This card number belongs to another member' },
  date_out_of_range: { 'zh-CN': '日期超出范围', 'en-US': 'Date out of range' },
  mobile_taken: {
    'zh-CN': '该手机号已属于另一位会员（与会员编号匹配到的不是同一人）',
    'en-US': 'This mobile number belongs to a different member than the member number',
  },
  external_id_conflict: {
    'zh-CN': '该手机号的会员已有另一个会员编号 {{existing}}',
    'en-US': 'The member with this mobile number already has member number {{existing}}',
  },
  outside_scope: {
    'zh-CN': '该会员不在您的管辖范围内，不能更新',
    'en-US': 'This member is outside your scope and cannot be updated',
  },
  member_cancelled: {
    'zh-CN': '该会员已被取消资格，不能发卡',
    'en-US': 'This membership is cancelled; no card can be issued',
  },
  card_failed: { 'zh-CN': '发卡失败：{{detail}}', 'en-US': 'The card could not be issued: {{detail}}' },
};

export function rowMessage(
  code: string,
  params: Record<string, string | number> | undefined,
  locale: Locale,
): string {
  const own = rowReasons[code];
  if (own) return interpolate(own[locale], params ?? {});
  return describeIssue({ code: 'custom', message: code }, locale).message;
}

const fileReasons: Record<FileProblem['reason'], Record<Locale, string>> = {
  empty: { 'zh-CN': '文件是空的', 'en-US': 'the file is empty' },
  not_spreadsheet: {
    'zh-CN': '不是 Excel（.xlsx）或 CSV 文件',
    'en-US': 'it is not an Excel (.xlsx) or CSV file',
  },
  xls: {
    'zh-CN': '不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx',
    'en-US': 'the old .xls format is not supported; save it as .xlsx in Excel',
  },
  xlsx_corrupt: { 'zh-CN': 'Excel 文件已损坏或不完整', 'en-US': 'the Excel file is damaged or incomplete' },
  csv_malformed: {
    'zh-CN': 'CSV 格式有误（约第 {{line}} 行，可能有未闭合的引号）',
    'en-US': 'the CSV is malformed (near line {{line}}; perhaps an unclosed quote)',
  },
  no_sheet: { 'zh-CN': '工作簿中没有工作表', 'en-US': 'the workbook has no worksheet' },
  no_header: { 'zh-CN': '第 1 行应为表头', 'en-US': 'row 1 must be the header' },
};

export function fileReason(problem: FileProblem, locale: Locale): string {
  return interpolate(fileReasons[problem.reason][locale], { line: problem.line ?? '' });
}

/** An unreadable file as the API's error, in the caller's language; anything else unchanged. */
export function asAppError(error: unknown, locale: Locale): unknown {
  if (error instanceof FileProblem)
    return new AppError('IMPORT_FILE_INVALID', { reason: fileReason(error, locale) });
  return error;
}

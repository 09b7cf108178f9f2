// What is wrong with a row of a product file, and with the file's header, in the caller's
// language. Contradictory settings reuse the product rules' own reasons.
import type { Locale } from '../../../config.ts';
import { describeIssue } from '../../../platform/i18n/field-messages.ts';
import { interpolate } from '../../../platform/i18n/messages.ts';
import { type ProductContradiction, productContradictions } from '../rules.ts';

const rowReasons: Record<string, Record<Locale, string>> = {
  required: { 'zh-CN': '新商品须填写此列', 'en-US': 'Required for a new product' },
  too_long: { 'zh-CN': '最多 {{max}} 个字符', 'en-US': 'At most {{max}} characters' },
  format_invalid: {
    'zh-CN': '只能包含字母、数字和 . - _ /',
    'en-US': 'Only letters, digits and . - _ / are allowed',
  },
  price_invalid: {
    'zh-CN': '应为不小于零、最多两位小数的金额（元）',
    'en-US': 'Expected an amount in yuan, not negative, with at most two decimals',
  },
  quantity_invalid: { 'zh-CN': '应为零或正整数', 'en-US': 'Expected zero or a positive whole number' },
  flag_invalid: { 'zh-CN': '应为 是 或 否', 'en-US': 'Expected yes or no' },
  kind_invalid: { 'zh-CN': '应为 商品 或 服务', 'en-US': 'Expected product or service' },
  status_invalid: { 'zh-CN': '应为 启用 或 停用', 'en-US': 'Expected active or archived' },
  category_not_found: {
    'zh-CN': '没有这个分类（可写完整路径，如 饮料/茶饮）',
    'en-US': 'No such category (a full path such as Drinks/Tea also works)',
  },
  category_ambiguous: {
    'zh-CN': '有多个同名分类，请写完整路径，如 饮料/茶饮',
    'en-US': 'Several categories have this name; give the full path, such as Drinks/Tea',
  },
  code_duplicate_in_file: {
    'zh-CN': '与第 {{firstRow}} 行的编码重复',
    'en-US': 'Same code as row {{firstRow}}',
  },
  barcode_duplicate_in_file: {
    'zh-CN': '与第 {{firstRow}} 行的条码重复',
    'en-US': 'Same barcode as row {{firstRow}}',
  },
  barcode_taken: {
    'zh-CN': '该条码已属于商品 {{holder}}',
    'en-US': 'This barcode belongs to product {{holder}}',
  },
  outside_scope: {
    'zh-CN': '该编码的商品不在您可修改的范围内',
    'en-US': 'The product with this code is outside what you may change',
  },
};

export function rowMessage(
  code: string,
  params: Record<string, string | number> | undefined,
  locale: Locale,
): string {
  const own = rowReasons[code];
  if (own) return interpolate(own[locale], params ?? {});
  const contradiction = productContradictions[code as ProductContradiction];
  if (contradiction) return contradiction[locale];
  return describeIssue({ code: 'custom', message: code }, locale).message;
}

const headerReasons = {
  missing: { 'zh-CN': '缺少“{{header}}”列', 'en-US': 'the "{{header}}" column is missing' },
  duplicate: { 'zh-CN': '“{{header}}”列出现了两次', 'en-US': 'the "{{header}}" column appears twice' },
  level_not_found: {
    'zh-CN': '没有名为“{{name}}”的会员等级',
    'en-US': 'there is no member level named "{{name}}"',
  },
  card_type_not_found: {
    'zh-CN': '没有名为“{{name}}”的卡类型',
    'en-US': 'there is no card type named "{{name}}"',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export function headerReason(
  reason: keyof typeof headerReasons,
  params: Record<string, string>,
  locale: Locale,
): string {
  return interpolate(headerReasons[reason][locale], params);
}

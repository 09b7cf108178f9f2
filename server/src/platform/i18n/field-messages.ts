// Messages for one invalid field, from a zod issue, in the caller's language. Zod's own
// messages are English only and global; these follow the request's Accept-Language.
import type { Locale } from '../../config.ts';
import { interpolate } from './messages.ts';

/** Reasons a schema's refinements raise by name (`z.string().refine(ok, 'mobile_invalid')`). */
const namedReasons: Record<string, Record<Locale, string>> = {
  mobile_invalid: { 'zh-CN': '手机号格式不正确', 'en-US': 'Not a valid mobile number' },
  password_weak: {
    'zh-CN': '密码至少 8 位，且须同时包含字母和数字',
    'en-US': 'At least 8 characters with both letters and digits',
  },
  date_invalid: { 'zh-CN': '日期不存在', 'en-US': 'Not a real date' },
  blank: { 'zh-CN': '不能为空白', 'en-US': 'Must not be blank' },
  control_chars: { 'zh-CN': '不能包含控制字符', 'en-US': 'Must not contain control characters' },
  time_zone_invalid: { 'zh-CN': '不是有效的时区', 'en-US': 'Not a valid time zone' },
  taken: { 'zh-CN': '已被使用', 'en-US': 'Already in use' },
  not_found: { 'zh-CN': '不存在', 'en-US': 'Does not exist' },
  outside_scope: { 'zh-CN': '不在您的管辖范围内', 'en-US': 'Outside your scope' },
  required: { 'zh-CN': '必填', 'en-US': 'Required' },
  unknown_field: { 'zh-CN': '没有这个字段', 'en-US': 'No such field' },
  masked_value: {
    'zh-CN': '这是打码后的显示值，请输入完整内容',
    'en-US': 'This is the masked display value; enter the full value',
  },
  option_unknown: { 'zh-CN': '不在可选项中', 'en-US': 'Not one of the options' },
  expected_text: { 'zh-CN': '应为文本', 'en-US': 'Expected text' },
  expected_number: { 'zh-CN': '应为数字', 'en-US': 'Expected a number' },
  options_required: { 'zh-CN': '选择题须提供选项', 'en-US': 'Choice fields need options' },
  options_not_allowed: { 'zh-CN': '此类型不需要选项', 'en-US': 'This type takes no options' },
  month_out_of_range: { 'zh-CN': '月份应在 1 到 12 之间', 'en-US': 'Month must be 1 to 12' },
  year_out_of_range: { 'zh-CN': '年份超出范围', 'en-US': 'Year out of range' },
  leap_month_invalid: { 'zh-CN': '该年没有这个闰月', 'en-US': 'That year has no such leap month' },
  leap_month_solar: { 'zh-CN': '公历没有闰月', 'en-US': 'The solar calendar has no leap months' },
  card_no_invalid: {
    'zh-CN': '卡号应为 4 到 32 位字母或数字',
    'en-US': 'A card number is 4 to 32 letters or digits',
  },
  pin_invalid: { 'zh-CN': '密码应为 6 位数字', 'en-US': 'A PIN is 6 digits' },
  unchanged: { 'zh-CN': '与当前取值相同', 'en-US': 'Same as the current value' },
  holder_needs_organisation: {
    'zh-CN': '只有单位会员可以办理团体持卡人卡',
    'en-US': 'Only an organisation can have holder cards',
  },
};

const generic: Record<string, Record<Locale, string>> = {
  required: { 'zh-CN': '必填', 'en-US': 'Required' },
  invalid_type: { 'zh-CN': '应为{{expected}}类型', 'en-US': 'Expected {{expected}}' },
  too_big_string: { 'zh-CN': '最多 {{maximum}} 个字符', 'en-US': 'At most {{maximum}} characters' },
  too_small_string: { 'zh-CN': '至少 {{minimum}} 个字符', 'en-US': 'At least {{minimum}} characters' },
  too_big_number: { 'zh-CN': '不能大于 {{maximum}}', 'en-US': 'Must be at most {{maximum}}' },
  too_small_number: { 'zh-CN': '不能小于 {{minimum}}', 'en-US': 'Must be at least {{minimum}}' },
  too_big_array: { 'zh-CN': '最多 {{maximum}} 项', 'en-US': 'At most {{maximum}} items' },
  too_small_array: { 'zh-CN': '至少 {{minimum}} 项', 'en-US': 'At least {{minimum}} items' },
  not_integer: { 'zh-CN': '应为整数', 'en-US': 'Must be a whole number' },
  invalid_format: { 'zh-CN': '格式不正确（{{format}}）', 'en-US': 'Invalid format ({{format}})' },
  invalid_value: { 'zh-CN': '可选值：{{values}}', 'en-US': 'Allowed values: {{values}}' },
  unrecognized: { 'zh-CN': '不允许的字段', 'en-US': 'Field not allowed' },
  invalid: { 'zh-CN': '取值无效', 'en-US': 'Invalid value' },
};

const typeNames: Record<string, Record<Locale, string>> = {
  string: { 'zh-CN': '文本', 'en-US': 'a string' },
  number: { 'zh-CN': '数字', 'en-US': 'a number' },
  int: { 'zh-CN': '整数', 'en-US': 'a whole number' },
  boolean: { 'zh-CN': '布尔', 'en-US': 'true or false' },
  object: { 'zh-CN': '对象', 'en-US': 'an object' },
  array: { 'zh-CN': '数组', 'en-US': 'an array' },
};

export interface IssueLike {
  code: string;
  message?: string;
  expected?: string;
  received?: string;
  origin?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  format?: string;
  values?: unknown[];
  input?: unknown;
}

/** The machine reason and the localised message for one zod issue. */
export function describeIssue(issue: IssueLike, locale: Locale): { code: string; message: string } {
  const say = (key: string, params: Record<string, string | number> = {}) => ({
    code: key,
    message: interpolate(generic[key]?.[locale] ?? generic.invalid![locale], params),
  });
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return say('required');
      const expected = typeNames[issue.expected ?? '']?.[locale] ?? issue.expected ?? '';
      return { code: 'invalid_type', message: interpolate(generic.invalid_type![locale], { expected }) };
    }
    case 'too_big':
    case 'too_small': {
      const kind = issue.origin === 'string' || issue.origin === 'array' ? issue.origin : 'number';
      const key = `${issue.code}_${kind}`;
      return { code: issue.code, message: say(key, bound(issue)).message };
    }
    case 'invalid_format':
      return say('invalid_format', { format: issue.format ?? '' });
    case 'invalid_value':
      return say('invalid_value', { values: (issue.values ?? []).map(String).join(', ') });
    case 'not_multiple_of':
      return say('not_integer');
    case 'unrecognized_keys':
      return say('unrecognized');
    case 'custom': {
      const named = issue.message ? namedReasons[issue.message] : undefined;
      if (named) return { code: issue.message!, message: named[locale] };
      return say('invalid');
    }
    default:
      return say('invalid');
  }
}

function bound(issue: IssueLike): Record<string, string | number> {
  return {
    maximum: issue.maximum === undefined ? '' : String(issue.maximum),
    minimum: issue.minimum === undefined ? '' : String(issue.minimum),
  };
}

// Which column of the file fills which member field. The API suggests a mapping from the
// headers (Chinese and English names, custom field labels and keys); the caller may
// override any of it. Balances and points cannot be imported until the ledger exists, so a
// column that would carry them is refused rather than silently dropped.
import type { Locale } from '../../../config.ts';
import type { MemberFieldsTable } from '../../../db/schema.ts';
import { AppError } from '../../../platform/errors.ts';

export const memberTargets = [
  'name',
  'mobile',
  'gender',
  'birthday',
  'lunarBirthday',
  'birthdayCalendar',
  'email',
  'address',
  'occupation',
  'notes',
  'tags',
  'homeStore',
  'level',
  'externalId',
  'registeredAt',
  'cardNo',
  'cardType',
] as const;

export type MemberTarget = (typeof memberTargets)[number];

/** What each target is called in the console's mapping step. */
export const targetLabels: Record<MemberTarget | 'ignore', Record<Locale, string>> = {
  name: { 'zh-CN': '姓名', 'en-US': 'Name' },
  mobile: { 'zh-CN': '手机号', 'en-US': 'Mobile' },
  gender: { 'zh-CN': '性别', 'en-US': 'Gender' },
  birthday: { 'zh-CN': '生日', 'en-US': 'Birthday' },
  lunarBirthday: { 'zh-CN': '农历生日', 'en-US': 'Lunar birthday' },
  birthdayCalendar: { 'zh-CN': '生日类型（公历/农历）', 'en-US': 'Birthday calendar (solar/lunar)' },
  email: { 'zh-CN': '邮箱', 'en-US': 'Email' },
  address: { 'zh-CN': '地址', 'en-US': 'Address' },
  occupation: { 'zh-CN': '职业', 'en-US': 'Occupation' },
  notes: { 'zh-CN': '备注', 'en-US': 'Notes' },
  tags: { 'zh-CN': '标签', 'en-US': 'Tags' },
  homeStore: { 'zh-CN': '门店（编码或名称）', 'en-US': 'Home store (code or name)' },
  level: { 'zh-CN': '会员等级', 'en-US': 'Level' },
  externalId: { 'zh-CN': '会员编号', 'en-US': 'Member number' },
  registeredAt: { 'zh-CN': '注册日期', 'en-US': 'Registered on' },
  cardNo: { 'zh-CN': '卡号', 'en-US': 'Card number' },
  cardType: { 'zh-CN': '卡类型', 'en-US': 'Card type' },
  ignore: { 'zh-CN': '忽略', 'en-US': 'Ignore' },
};
/** A member field, `custom.<key>`, `ignore`, or one of the targets refused for now. */
export type Target = MemberTarget | `custom.${string}` | 'ignore' | UnsupportedTarget;

export const unsupportedTargets = ['balance', 'bonus', 'points'] as const;
export type UnsupportedTarget = (typeof unsupportedTargets)[number];

/** Targets that may take several columns (their values are merged). */
const repeatable = new Set<string>(['ignore', 'tags']);

const aliases: Record<MemberTarget | UnsupportedTarget, string[]> = {
  name: [
    '姓名',
    '会员姓名',
    '名字',
    '客户姓名',
    '顾客姓名',
    '会员名称',
    '客户名称',
    'name',
    'fullname',
    'membername',
  ],
  mobile: [
    '手机',
    '手机号',
    '手机号码',
    '电话',
    '联系电话',
    '电话号码',
    '移动电话',
    '会员手机',
    'mobile',
    'phone',
    'mobilephone',
    'cellphone',
    'tel',
    'telephone',
  ],
  gender: ['性别', 'gender', 'sex'],
  birthday: [
    '生日',
    '出生日期',
    '公历生日',
    '阳历生日',
    '出生年月',
    '出生年月日',
    'birthday',
    'birthdate',
    'dateofbirth',
    'dob',
  ],
  lunarBirthday: ['农历生日', '阴历生日', '农历出生日期', 'lunarbirthday'],
  birthdayCalendar: [
    '生日类型',
    '生日历法',
    '历法',
    '日历类型',
    '是否农历',
    'birthdaytype',
    'birthdaycalendar',
    'calendar',
  ],
  email: ['邮箱', '电子邮箱', '电子邮件', '邮件', 'email', 'e-mail', 'mail'],
  address: ['地址', '住址', '联系地址', '家庭地址', '通讯地址', 'address'],
  occupation: ['职业', '工作', 'occupation', 'job', 'profession'],
  notes: ['备注', '说明', '备注信息', 'notes', 'note', 'remark', 'remarks', 'comment', 'comments'],
  tags: ['标签', '会员标签', '分组', 'tags', 'tag', 'labels'],
  homeStore: [
    '门店',
    '所属门店',
    '开卡门店',
    '归属门店',
    '注册门店',
    '店铺',
    'store',
    'homestore',
    'storecode',
    'storename',
    'shop',
  ],
  level: ['等级', '会员等级', '级别', 'level', 'memberlevel', 'tier'],
  externalId: [
    '会员编号',
    '会员号',
    '会员id',
    '客户编号',
    '编号',
    '外部编号',
    'externalid',
    'memberno',
    'membernumber',
    'memberid',
    'customerid',
  ],
  registeredAt: [
    '注册时间',
    '注册日期',
    '入会日期',
    '入会时间',
    '开卡日期',
    '开卡时间',
    'registeredat',
    'registered',
    'joinedon',
    'joindate',
    'signupdate',
  ],
  cardNo: ['卡号', '会员卡号', '卡片号码', '卡面号', 'cardno', 'cardnumber', 'card'],
  cardType: ['卡类型', '卡种', '卡类别', '会员卡类型', '卡片类型', 'cardtype', 'cardtypename'],
  balance: [
    '余额',
    '储值',
    '储值余额',
    '卡内余额',
    '账户余额',
    '可用余额',
    '充值余额',
    '本金',
    '赠送余额',
    'balance',
    'storedvalue',
    'credit',
  ],
  bonus: ['赠送金额', '赠金', 'bonus'],
  points: [
    '积分',
    '可用积分',
    '当前积分',
    '积分余额',
    '剩余积分',
    '累计积分',
    'points',
    'point',
    'pointsbalance',
    'loyaltypoints',
  ],
};

/** Words that, inside a longer header, still mean a balance or points column. */
const unsupportedWords: Array<[RegExp, UnsupportedTarget]> = [
  [/余额|储值|balance|storedvalue/i, 'balance'],
  [/积分|points?$/i, 'points'],
];

/** A header reduced for matching: lower case, no spaces, marks, or "(必填)"-style notes. */
export function headerKey(header: string): string {
  return header
    .toLowerCase()
    .replace(/[（(【[][^)）\]】]*[)）\]】]/g, '')
    .replace(/[\s*＊_:：\-.·]/g, '');
}

const aliasIndex = new Map<string, Target>();
for (const [target, names] of Object.entries(aliases)) {
  for (const name of names) aliasIndex.set(headerKey(name), target as Target);
}

export type Mapping = Record<string, Target>;

/** The suggested target of each header; unknown headers are `ignore`. */
export function suggestMapping(headers: string[], fields: MemberFieldsTable[]): Mapping {
  const mapping: Mapping = {};
  const taken = new Set<string>();
  const customByKey = new Map<string, Target>();
  for (const field of fields) {
    customByKey.set(headerKey(field.label), `custom.${field.key}`);
    customByKey.set(headerKey(field.key), `custom.${field.key}`);
  }
  for (const header of headers) {
    if (header === '' || header in mapping) continue;
    const key = headerKey(header);
    let target: Target =
      customByKey.get(key) ??
      aliasIndex.get(key) ??
      unsupportedWords.find(([pattern]) => pattern.test(key))?.[1] ??
      'ignore';
    if (target === 'birthday' && /农历|阴历|lunar/i.test(header)) target = 'lunarBirthday';
    if (!repeatable.has(target) && !isUnsupported(target) && taken.has(target)) target = 'ignore';
    taken.add(target);
    mapping[header] = target;
  }
  return mapping;
}

export function isUnsupported(target: string): target is UnsupportedTarget {
  return (unsupportedTargets as readonly string[]).includes(target);
}

const mappingReasons: Record<string, Record<Locale, string>> = {
  unknown_header: { 'zh-CN': '文件中没有列“{{header}}”', 'en-US': 'the file has no column "{{header}}"' },
  unknown_target: {
    'zh-CN': '列“{{header}}”的目标“{{target}}”不存在',
    'en-US': 'column "{{header}}" maps to an unknown field "{{target}}"',
  },
  duplicate_target: {
    'zh-CN': '多列对应到同一字段“{{target}}”',
    'en-US': 'several columns map to "{{target}}"',
  },
  required_target: { 'zh-CN': '缺少必需的列：{{target}}', 'en-US': 'a column for {{target}} is required' },
  card_type_needs_column: {
    'zh-CN': '有卡号列时须同时有卡类型列',
    'en-US': 'a card number column needs a card type column',
  },
};

export function mappingProblem(
  locale: Locale,
  reason: keyof typeof mappingReasons,
  params: Record<string, string> = {},
): AppError {
  const template = mappingReasons[reason]![locale];
  const text = template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => params[name] ?? '');
  return new AppError('IMPORT_MAPPING_INVALID', { reason: text }, [
    { field: params.header ? `mapping.${params.header}` : 'mapping', code: reason, message: text },
  ]);
}

/** Where each target's values come from: column indexes by target. */
export type ColumnPlan = Map<Target, number[]>;

/**
 * The effective mapping (the suggestion with the caller's overrides), checked: every named
 * header exists, every target is known and used once, name and mobile are present, and no
 * column carries a balance or points (IMPORT_COLUMN_UNSUPPORTED names them).
 */
export function resolveMapping(
  headers: string[],
  fields: MemberFieldsTable[],
  override: Record<string, string> | undefined,
  locale: Locale,
): { mapping: Mapping; plan: ColumnPlan } {
  const seen = new Set(headers.filter(Boolean));
  const mapping = suggestMapping(headers, fields);
  const customTargets = new Set(fields.map((f) => `custom.${f.key}`));
  for (const [header, target] of Object.entries(override ?? {})) {
    if (!seen.has(header)) throw mappingProblem(locale, 'unknown_header', { header });
    const known =
      target === 'ignore' ||
      (memberTargets as readonly string[]).includes(target) ||
      isUnsupported(target) ||
      customTargets.has(target);
    if (!known) throw mappingProblem(locale, 'unknown_target', { header, target });
    mapping[header] = target as Target;
  }
  const unsupported = Object.entries(mapping)
    .filter(([, target]) => isUnsupported(target))
    .map(([header]) => header);
  if (unsupported.length > 0) {
    throw new AppError(
      'IMPORT_COLUMN_UNSUPPORTED',
      { columns: unsupported.join(locale === 'zh-CN' ? '、' : ', ') },
      unsupported.map((header) => ({
        field: `mapping.${header}`,
        code: 'unsupported',
        message:
          locale === 'zh-CN'
            ? '余额和积分暂不能导入；请删除该列或将其对应为“忽略”'
            : 'Balances and points cannot be imported yet; remove the column or map it to ignore',
      })),
    );
  }
  const plan: ColumnPlan = new Map();
  headers.forEach((header, index) => {
    const target = mapping[header];
    // A header repeated later in the row names the same target; only its first column counts.
    if (!target || target === 'ignore' || header === '' || headers.indexOf(header) !== index) return;
    const columns = plan.get(target) ?? [];
    if (columns.length > 0 && !repeatable.has(target))
      throw mappingProblem(locale, 'duplicate_target', { target });
    plan.set(target, [...columns, index]);
  });
  for (const required of ['name', 'mobile'] as const) {
    if (!plan.has(required)) throw mappingProblem(locale, 'required_target', { target: required });
  }
  if (plan.has('cardNo') && !plan.has('cardType')) throw mappingProblem(locale, 'card_type_needs_column');
  return { mapping, plan };
}

// A member as the API shows it: personal data masked unless the caller may see it and
// asked to (the unmasked read is audited by the caller of presentMember).
import { maskEmail, maskMobile } from './mobile.ts';
import type { MemberRow } from './repo.ts';

export function maskAddress(address: string): string {
  return address.length <= 6 ? '****' : `${address.slice(0, 6)}****`;
}

export function presentMember(row: MemberRow, tags: string[], reveal: boolean) {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    mobile: reveal ? row.mobile : maskMobile(row.mobile),
    masked: !reveal,
    gender: row.gender,
    birthday:
      row.birthdayCalendar && row.birthdayMonth && row.birthdayDay
        ? {
            calendar: row.birthdayCalendar,
            month: row.birthdayMonth,
            day: row.birthdayDay,
            year: row.birthdayYear,
            leapMonth: row.birthdayLeapMonth === 1,
            solarMonthThisYear: row.birthdaySolarMonth,
          }
        : null,
    anniversaries: JSON.parse(row.anniversariesJson) as Array<{ name: string; date: string }>,
    email: row.email && !reveal ? maskEmail(row.email) : row.email,
    address: row.address && !reveal ? maskAddress(row.address) : row.address,
    occupation: row.occupation,
    notes: row.notes,
    tags,
    homeStoreId: row.homeUnitId,
    homeStoreName: row.homeStoreName,
    levelId: row.levelId,
    levelName: row.levelName,
    source: row.source,
    referrerId: row.referrerId,
    marketingConsent: row.marketingConsent === 1,
    externalId: row.externalId,
    custom: JSON.parse(row.customJson) as Record<string, unknown>,
    status: row.status,
    statusReason: row.statusReason,
    registeredAt: row.registeredAt,
    registeredBy: row.registeredBy,
    updatedAt: row.updatedAt,
  };
}

export type MemberView = ReturnType<typeof presentMember>;

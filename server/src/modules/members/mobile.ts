// Mobile numbers: a mainland number is stored as its 11 digits; any other as +E.164.
// Spaces, dashes and a +86 / 0086 prefix are accepted on input. Shown masked
// (138****1234) to operators without the permission to see personal data.

/** The stored form of a mobile number, or undefined when it is not one. */
export function normaliseMobile(input: string): string | undefined {
  const compact = input.trim().replace(/[\s\-().]/g, '');
  const mainland = /^(?:\+?86|0086)?(1[3-9]\d{9})$/.exec(compact);
  if (mainland) return mainland[1];
  const international = /^(?:\+|00)([1-9]\d{6,14})$/.exec(compact);
  if (international && !international[1]!.startsWith('86')) return `+${international[1]}`;
  return undefined;
}

export function mobileTail(mobile: string): string {
  return mobile.slice(-4);
}

/** 138****1234; +44****7890 for international numbers. */
export function maskMobile(mobile: string): string {
  if (mobile.length <= 7) return `${mobile.slice(0, 1)}****${mobile.slice(-2)}`;
  return `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
}

export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at <= 1) return `*${email.slice(at)}`;
  return `${email[0]}***${email.slice(at)}`;
}

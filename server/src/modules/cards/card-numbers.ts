// Card numbers. Generated ones are 16 digits: 15 random digits and a Luhn check digit, so a
// neighbour of a valid number is not a valid number and a mistyped digit is caught.
// Numbers entered by hand (pre-printed cards) are 4-32 letters or digits, kept upper-case.
import { randomInt } from 'node:crypto';

export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

export function isLuhnValid(number: string): boolean {
  return /^\d{2,}$/.test(number) && luhnCheckDigit(number.slice(0, -1)) === Number(number.slice(-1));
}

export function generateCardNo(): string {
  // First digit 8 keeps generated numbers apart from bank card ranges (4, 5, 6).
  let body = '8';
  for (let i = 0; i < 14; i++) body += String(randomInt(10));
  return body + String(luhnCheckDigit(body));
}

export function normaliseCardNo(input: string): string | undefined {
  const compact = input.trim().replace(/\s+/g, '').toUpperCase();
  return /^[A-Z0-9]{4,32}$/.test(compact) ? compact : undefined;
}

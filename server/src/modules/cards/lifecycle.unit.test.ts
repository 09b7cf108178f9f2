// The card state machine, exhaustively: every operation from every state is either the
// contract's transition or refused.
import { describe, expect, it } from 'vitest';
import type { CardStatus } from '../../db/schema.ts';
import { generateCardNo, isLuhnValid, luhnCheckDigit, normaliseCardNo } from './card-numbers.ts';
import {
  type CardOperation,
  cardOperations,
  effectiveStatus,
  nextStatus,
  unusableReason,
} from './lifecycle.ts';

const statuses: CardStatus[] = ['active', 'lost', 'frozen', 'expired', 'replaced', 'cancelled'];

const allowed: Record<string, CardStatus> = {
  'active report-loss': 'lost',
  'lost cancel-loss': 'active',
  'active freeze': 'frozen',
  'frozen unfreeze': 'active',
  'lost replace': 'replaced',
  'expired renew': 'active',
  'active cancel': 'cancelled',
  'lost cancel': 'cancelled',
  'frozen cancel': 'cancelled',
  'expired cancel': 'cancelled',
  'replaced cancel': 'cancelled',
};

describe('card lifecycle', () => {
  for (const status of statuses) {
    for (const operation of cardOperations as readonly CardOperation[]) {
      const expected = allowed[`${status} ${operation}`];
      it(`${operation} on a ${status} card ${expected ? `makes it ${expected}` : 'is refused'}`, () => {
        expect(nextStatus(status, operation)).toBe(expected);
      });
    }
  }

  it('treats an active card past its last valid day as expired, and only then', () => {
    expect(effectiveStatus({ status: 'active', expiresOn: '2026-01-31' }, '2026-01-31')).toBe('active');
    expect(effectiveStatus({ status: 'active', expiresOn: '2026-01-31' }, '2026-02-01')).toBe('expired');
    expect(effectiveStatus({ status: 'frozen', expiresOn: '2026-01-31' }, '2026-02-01')).toBe('frozen');
    expect(effectiveStatus({ status: 'active', expiresOn: null }, '2099-01-01')).toBe('active');
  });

  it('gives each unusable state its own code', () => {
    expect(statuses.map(unusableReason)).toEqual([
      undefined,
      'CARD_LOST',
      'CARD_FROZEN',
      'CARD_EXPIRED',
      'CARD_CANCELLED',
      'CARD_CANCELLED',
    ]);
  });
});

describe('card numbers', () => {
  it('generates 16-digit numbers with a valid check digit that differ each time', () => {
    const numbers = Array.from({ length: 1000 }, generateCardNo);
    expect(new Set(numbers).size).toBe(1000);
    for (const number of numbers) {
      expect(number).toMatch(/^8\d{15}$/);
      expect(isLuhnValid(number)).toBe(true);
    }
  });

  it('catches any single mistyped digit', () => {
    const number = generateCardNo();
    for (let i = 0; i < number.length; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === number[i]) continue;
        const typo = number.slice(0, i) + d + number.slice(i + 1);
        expect(isLuhnValid(typo)).toBe(false);
      }
    }
  });

  it('computes the Luhn digit of a known number', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
  });

  it('accepts hand-entered numbers of 4-32 letters or digits, upper-cased', () => {
    expect(normaliseCardNo(' vip 0012 ')).toBe('VIP0012');
    expect(normaliseCardNo('abc')).toBeUndefined();
    expect(normaliseCardNo('12-34')).toBeUndefined();
  });
});

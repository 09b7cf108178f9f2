// The caller's language comes from Accept-Language, by preference weight.
import { describe, expect, it } from 'vitest';
import { pickLocale } from './locale.ts';

describe('pickLocale', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['en-US,en;q=0.9', 'en-US'],
    ['en-GB', 'en-US'],
    ['zh-TW,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['fr-FR,en;q=0.5,zh;q=0.9', 'zh-CN'],
    ['fr-FR,de;q=0.5', 'zh-CN'],
    ['zh;q=0,en', 'en-US'],
    ['*', 'zh-CN'],
  ])('reads %s as %s', (header, expected) => {
    expect(pickLocale(header, 'zh-CN')).toBe(expected);
  });
});

// Search keys derived from a member's name: the lower-cased name for prefix search and
// the pinyin initials (张三丰 → zsf) so a cashier can type "zsf".
import { pinyin } from 'pinyin-pro';

export function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

export function nameInitials(name: string): string {
  const initials = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' });
  return initials
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

// The shape of one console area (a navigation entry). Kept apart from the list of areas
// so that the areas of a module can describe themselves without importing that list.
import type { ReactNode } from 'react';
import type { Catalogue } from '../i18n/zh-CN.ts';

export type NavKey = keyof Catalogue['nav'];

export interface Area {
  key: NavKey;
  path: string;
  icon: ReactNode;
  /** Shown when the operator holds any of these; empty means everyone. */
  anyOf: readonly string[];
  /** False while the module is still a "coming soon" page. */
  built: boolean;
  children?: Area[];
}

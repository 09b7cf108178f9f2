// The settings area's pages as entries of the console's one area list (app/areas.tsx): the
// member-related settings headquarters keeps (card types, custom member fields).
import { CreditCardOutlined, FormOutlined } from '@ant-design/icons';
import type { Area } from '../../app/area.ts';

export const settingsAreas: Area[] = [
  {
    key: 'cardTypes',
    path: '/settings/card-types',
    icon: <CreditCardOutlined />,
    anyOf: ['settings.write'],
    built: true,
  },
  {
    key: 'memberFields',
    path: '/settings/member-fields',
    icon: <FormOutlined />,
    anyOf: ['settings.write'],
    built: true,
  },
];

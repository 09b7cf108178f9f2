import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgUnit } from '../queries.ts';

const kindColor: Record<OrgUnit['kind'], string> = { hq: 'purple', region: 'blue', store: 'green' };

/** 总部 / 区域 / 门店 as a coloured tag. */
export function UnitKindTag({ kind }: { kind: OrgUnit['kind'] }) {
  const { t } = useTranslation();
  return <Tag color={kindColor[kind]}>{t(`units.kind.${kind}`)}</Tag>;
}

// What a money dialog shows once the server has answered: what happened, and the member's
// stored value after it, so the cashier can tell the customer without another lookup.
import { Button, Col, Flex, Result, Row, Statistic } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../format.ts';
import type { Balances } from '../queries.ts';

export function DialogResult({
  title,
  detail,
  balances,
  onDone,
}: {
  title: ReactNode;
  detail: ReactNode;
  balances?: Balances | undefined;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Result status="success" title={title} subTitle={detail} style={{ padding: '16px 0 8px' }} />
      {balances && (
        <Row
          gutter={16}
          data-testid="balances-after"
          style={{ background: '#fafafa', borderRadius: 8, padding: '12px 8px', margin: '0 0 16px' }}
        >
          <Col span={8}>
            <Statistic
              title={t('value.common.principal')}
              value={formatMoney(balances.storedValue.principal)}
            />
          </Col>
          <Col span={8}>
            <Statistic title={t('value.common.bonus')} value={formatMoney(balances.storedValue.bonus)} />
          </Col>
          <Col span={8}>
            <Statistic
              title={t('value.recharge.newBalances')}
              value={formatMoney(balances.storedValue.total)}
              styles={{ content: { color: '#1677ff' } }}
            />
          </Col>
        </Row>
      )}
      <Flex justify="flex-end">
        <Button type="primary" onClick={onDone} autoFocus>
          {t('value.common.done')}
        </Button>
      </Flex>
    </>
  );
}

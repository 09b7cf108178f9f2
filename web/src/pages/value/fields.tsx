// Inputs the value dialogs share: a yuan amount, the tender, the member's card, and the
// inline explanation of a refused call.
import { Alert, type FormInstance, InputNumber, type InputNumberProps, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { fieldPath, problemText } from '../../api/problems.ts';
import { cardStatusLabel, tenderLabel } from './labels.ts';
import type { MemberCard } from './queries.ts';

/** Yuan with two decimals; the form value stays in yuan and is converted with yuanToFen on submit. */
export function YuanInput(props: InputNumberProps<number>) {
  return (
    <InputNumber<number>
      prefix="¥"
      min={0.01}
      max={10_000_000}
      precision={2}
      step={1}
      style={{ width: '100%' }}
      {...props}
    />
  );
}

export function TenderRadio({
  value,
  onChange,
  tenders,
}: {
  value?: string;
  onChange?: (value: string) => void;
  tenders: readonly string[];
}) {
  return (
    <Radio.Group
      optionType="button"
      value={value}
      onChange={(e) => onChange?.(e.target.value as string)}
      options={tenders.map((tender) => ({ value: tender, label: tenderLabel(tender) }))}
    />
  );
}

/** The member's cards; empty means "the primary card", as the server chooses when none is sent. */
export function CardSelect({
  cards,
  value,
  onChange,
  loading,
}: {
  cards: readonly MemberCard[];
  value?: string;
  onChange?: (value: string | undefined) => void;
  loading?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Select
      value={value}
      onChange={onChange}
      allowClear
      loading={loading}
      placeholder={t('value.common.cardAuto')}
      options={cards.map((card) => ({
        value: card.cardNo,
        label: `${card.cardNo} · ${card.cardTypeName}${card.status === 'active' ? '' : ` · ${cardStatusLabel(card.status)}`}`,
      }))}
    />
  );
}

/** A refused call explained where the operator is looking, in the server's words (already localized). */
export function ProblemAlert({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={problemText(error)}
      style={{ marginBottom: 16 }}
      data-testid="problem"
    />
  );
}

/**
 * The server's `fields` on the dialog's inputs, without the passing toast: dialogs show the
 * refusal itself in a ProblemAlert, so saying it a second time only adds noise.
 */
export function showFieldProblems(form: FormInstance, error: unknown): void {
  if (!isApiError(error)) return;
  form.setFields(
    error.fields
      .filter((f) => f.field !== '')
      .map((f) => ({ name: fieldPath(f.field), errors: [f.message || f.code] })),
  );
}

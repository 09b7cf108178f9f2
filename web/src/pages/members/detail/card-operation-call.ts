// One call per card operation, each with the body its route takes (the routes are strict, so
// an operation never receives another's fields).
import { api, unwrap } from '../../../api/client.ts';
import type { CardOperation } from './card-lifecycle.ts';

export type FeeTender = 'cash' | 'bank_card' | 'wechat' | 'alipay' | 'other';
export const feeTenders: readonly FeeTender[] = ['cash', 'bank_card', 'wechat', 'alipay', 'other'];

export interface CardOperationValues {
  reason: string;
  newCardNo?: string;
  pin?: string;
  feeTender?: FeeTender;
  cardTypeId?: string;
}

function blank(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export function runCardOperation(operation: CardOperation, cardNo: string, values: CardOperationValues) {
  const path = { cardNo };
  const reason = values.reason.trim();
  switch (operation) {
    case 'report-loss':
      return unwrap(api.POST('/api/v1/cards/{cardNo}/report-loss', { params: { path }, body: { reason } }));
    case 'cancel-loss':
      return unwrap(api.POST('/api/v1/cards/{cardNo}/cancel-loss', { params: { path }, body: { reason } }));
    case 'freeze':
      return unwrap(api.POST('/api/v1/cards/{cardNo}/freeze', { params: { path }, body: { reason } }));
    case 'unfreeze':
      return unwrap(api.POST('/api/v1/cards/{cardNo}/unfreeze', { params: { path }, body: { reason } }));
    case 'cancel':
      return unwrap(api.POST('/api/v1/cards/{cardNo}/cancel', { params: { path }, body: { reason } }));
    case 'replace':
      return unwrap(
        api.POST('/api/v1/cards/{cardNo}/replace', {
          params: { path },
          body: {
            reason,
            newCardNo: blank(values.newCardNo),
            pin: blank(values.pin),
            feeTender: values.feeTender,
          },
        }),
      );
    case 'renew':
      return unwrap(
        api.POST('/api/v1/cards/{cardNo}/renew', {
          params: { path },
          body: { reason, feeTender: values.feeTender },
        }),
      );
    case 'change-type':
      return unwrap(
        api.POST('/api/v1/cards/{cardNo}/change-type', {
          params: { path },
          body: { reason, cardTypeId: values.cardTypeId ?? '' },
        }),
      );
    case 'reset-pin':
      return unwrap(
        api.POST('/api/v1/cards/{cardNo}/reset-pin', {
          params: { path },
          body: { reason, pin: values.pin ?? '' },
        }),
      );
  }
}

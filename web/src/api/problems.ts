// Shows a failed call to the user: the server's localized `detail` as a message, and each
// entry of `fields` on the matching Form input.
import { App, type FormInstance } from 'antd';
import i18next from 'i18next';
import { useCallback } from 'react';
import { ApiError, isApiError } from './client.ts';

type MessageInstance = ReturnType<typeof App.useApp>['message'];

/** `grants.0.unitId` → ['grants', 0, 'unitId'], the NamePath antd uses for list fields. */
export function fieldPath(field: string): (string | number)[] {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** The sentence to show for any error, in the current language. */
export function problemText(error: unknown): string {
  if (!isApiError(error)) return i18next.t('errors.unknown');
  if (error.code === 'NETWORK_ERROR') return i18next.t('errors.network');
  return error.detail || i18next.t('errors.unknown');
}

export function reportProblem(
  error: unknown,
  { message, form }: { message: MessageInstance; form?: FormInstance | undefined },
): void {
  if (form && error instanceof ApiError && error.fields.length > 0) {
    form.setFields(
      error.fields
        .filter((f) => f.field !== '')
        .map((f) => ({ name: fieldPath(f.field), errors: [f.message || f.code] })),
    );
  }
  void message.error(problemText(error));
}

/** reportProblem bound to the App's message instance (so it follows the theme and locale). */
export function useReportProblem(): (error: unknown, form?: FormInstance) => void {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown, form?: FormInstance) => reportProblem(error, { message, form }),
    [message],
  );
}

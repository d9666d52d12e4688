import type { TFunction } from 'i18next';
import type { Notification } from './api';

/**
 * What a notification says, translated: every kind has a label (a test fails when one is
 * missing), with the case number or the alert's kind and why the hub was told. No raw codes.
 */
export function notificationText(n: Notification, t: TFunction): string {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return t(`notifications.kinds.${n.kind}`, {
    caseNumber: String(n.data.case_number ?? ''),
    type: t(`alerts.type.${str(n.data.type)}`, { defaultValue: t('alerts.detailTitle') }),
    reason: t(`notifications.reason.${str(n.data.reason) || 'not_confirmed'}`),
  });
}

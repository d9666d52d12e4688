import type { TFunction } from 'i18next';
import type { ApiError } from './api';

const KNOWN = ['network_error', 'invalid_input', 'unauthenticated', 'rate_limited', 'tenant_not_found'];

/** Our own text for the error codes we expect, else the server's (translated) message. */
export function errorText(t: TFunction, e: ApiError): string {
  if (KNOWN.includes(e.code)) return t(`errors.${e.code}`);
  return e.message || t('errors.unknown', { status: e.status });
}

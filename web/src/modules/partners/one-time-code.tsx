import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import type { OneTimeCode } from './api';

/** A freshly made enrollment code: QR code, link and expiry. Shown once; the server keeps only a hash. */
export function OneTimeCodeCard({ code, title }: { code: OneTimeCode; title: string }) {
  const { t } = useTranslation();
  return (
    <div className="card" role="status">
      <h3 className="card__title">{title}</h3>
      <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.qr_svg)}`} alt={t('partners.qrAlt')} width={220} height={220} />
      <p>
        <a href={code.url} style={{ overflowWrap: 'anywhere' }}>
          {code.url}
        </a>
      </p>
      <p>{t('partners.expiresAt', { at: formatDateTime(code.expires_at) })}</p>
      <p className="muted">{t('partners.shownOnce')}</p>
    </div>
  );
}

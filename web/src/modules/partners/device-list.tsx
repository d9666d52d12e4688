import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { Button } from '../../app/ui/fields';
import { ErrorAlert, TableWrap } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { type Device, revokeDevice } from './api';

/** Enrolled phones with a revoke button (coordinators). */
export function DeviceList({ devices, onChange }: { devices: Device[]; onChange: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const revoke = useMutation(async (id: string) => {
    await revokeDevice(id);
    onChange();
  });
  if (devices.length === 0) return <p className="muted">{t('partners.noDevices')}</p>;
  return (
    <>
      <ErrorAlert error={revoke.error} />
      <TableWrap label={t('partners.devices')}>
        <table className="table">
          <caption className="visually-hidden">{t('partners.devices')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('partners.deviceLabel')}</th>
              <th scope="col">{t('partners.enrolledAt')}</th>
              <th scope="col">{t('partners.lastUsed')}</th>
              <th scope="col">{t('partners.state')}</th>
              {can('partner:write') && (
                <th scope="col">
                  <span className="visually-hidden">{t('partners.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.id}>
                <td>{d.label ?? d.account_name ?? d.partner_name ?? '—'}</td>
                <td>{formatDateTime(d.created_at)}</td>
                <td>{d.last_used_at ? formatDateTime(d.last_used_at) : '—'}</td>
                <td>{d.revoked_at ? t('partners.revokedAt', { at: formatDateTime(d.revoked_at) }) : t('partners.deviceActive')}</td>
                {can('partner:write') && (
                  <td>
                    {!d.revoked_at && (
                      <Button
                        variant="danger"
                        isDisabled={revoke.pending}
                        onPress={() => void revoke.run(d.id)}
                        aria-label={t('partners.revokeDevice', { name: d.label ?? d.account_name ?? d.partner_name ?? '' })}
                      >
                        {t('partners.revoke')}
                      </Button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}

import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { formatDateTime, formatRelative } from '../../app/format';
import { Button, SelectField, TextInput } from '../../app/ui/fields';
import { ErrorAlert, Section } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import {
  addWatchDevice,
  DEVICE_TYPES,
  type DeviceType,
  type DeviceWithToken,
  revokeDeviceToken,
  rotateDeviceToken,
  setDeviceStatus,
  usePersonDevices,
  type WatchDevice,
} from './api';
import { TokenCard } from './token-card';
import '../alerts/alerts.css';

const LOW_BATTERY = 20;

function stateOf(d: WatchDevice) {
  return { lastSeen: d.state.last_seen_at, lastActivity: d.state.last_activity_at, battery: d.state.battery };
}

/** 見守り機器: the person's devices with status, last seen, battery and last activity; add, rotate, revoke. */
export function DevicesSection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const list = usePersonDevices(personId);
  const [token, setToken] = useState<DeviceWithToken | null>(null);
  const [type, setType] = useState<DeviceType | ''>('');
  const [location, setLocation] = useState('');
  const [vendor, setVendor] = useState('');
  const [vendorId, setVendorId] = useState('');
  const writable = can('device:write');

  const add = useMutation(async () => {
    if (!type) return;
    const d = await addWatchDevice(personId, {
      type,
      ...(location.trim() ? { location_in_home: location.trim() } : {}),
      ...(vendor.trim() ? { vendor: vendor.trim() } : {}),
      ...(vendorId.trim() ? { vendor_device_id: vendorId.trim() } : {}),
    });
    setToken(d);
    setType('');
    setLocation('');
    setVendor('');
    setVendorId('');
    list.reload();
  });
  const act = useMutation(async (id: string, what: 'rotate' | 'revoke' | 'active' | 'paused' | 'retired') => {
    if (what === 'rotate') setToken(await rotateDeviceToken(id));
    else if (what === 'revoke') await revokeDeviceToken(id);
    else await setDeviceStatus(id, what);
    list.reload();
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    void add.run();
  }
  const items = list.data?.items ?? [];
  const typeOptions = DEVICE_TYPES.map((d) => ({ id: d, label: t(`devices.type.${d}`) }));

  return (
    <Section title={t('devices.title')}>
      <ErrorAlert error={list.error ?? act.error} />
      {token && <TokenCard device={token} onDone={() => setToken(null)} />}
      {list.data && items.length === 0 && <p className="muted">{t('devices.none')}</p>}
      <ul className="item-list">
        {items.map((d) => {
          const s = stateOf(d);
          const name = `${t(`devices.type.${d.type}`)}${d.location_in_home ? `（${d.location_in_home}）` : ''}`;
          return (
            <li key={d.id}>
              <div className="item-list__main">
                <strong>{name}</strong>
                <span className="muted mono">
                  {d.device_key}
                  {d.vendor ? ` · ${d.vendor}` : ''}
                </span>
                <span>
                  {t(`devices.status.${d.status}`)}
                  {d.has_token === false && ` · ${t('devices.noToken')}`}
                </span>
                <span>
                  {t('devices.lastSeen')}:{' '}
                  {s.lastSeen ? `${formatRelative(s.lastSeen)}（${formatDateTime(s.lastSeen)}）` : t('devices.never')}
                </span>
                <span>
                  {t('devices.lastActivity')}:{' '}
                  {s.lastActivity ? `${formatRelative(s.lastActivity)}（${formatDateTime(s.lastActivity)}）` : '—'}
                </span>
                <span className={s.battery !== null && s.battery < LOW_BATTERY ? 'battery--low' : undefined}>
                  {t('devices.battery')}: {s.battery === null ? '—' : `${Math.round(s.battery)}%`}
                  {s.battery !== null && s.battery < LOW_BATTERY && (
                    <>
                      {' '}
                      <span aria-hidden="true">⚠</span> {t('devices.batteryLow')}
                    </>
                  )}
                </span>
              </div>
              {writable && d.status !== 'retired' && (
                <div className="button-row button-row--compact">
                  {d.status === 'active' ? (
                    <Button
                      variant="secondary"
                      isDisabled={act.pending}
                      onPress={() => void act.run(d.id, 'paused')}
                      aria-label={t('devices.pauseLabel', { name })}
                    >
                      {t('devices.pause')}
                    </Button>
                  ) : (
                    <Button
                      variant="secondary"
                      isDisabled={act.pending}
                      onPress={() => void act.run(d.id, 'active')}
                      aria-label={t('devices.resumeLabel', { name })}
                    >
                      {t('devices.resume')}
                    </Button>
                  )}
                  <Button
                    variant="secondary"
                    isDisabled={act.pending}
                    onPress={() => void act.run(d.id, 'rotate')}
                    aria-label={t('devices.rotateLabel', { name })}
                  >
                    {t('devices.rotate')}
                  </Button>
                  <Button
                    variant="danger"
                    isDisabled={act.pending}
                    onPress={() => void act.run(d.id, 'revoke')}
                    aria-label={t('devices.revokeLabel', { name })}
                  >
                    {t('devices.revoke')}
                  </Button>
                  <Button
                    variant="ghost"
                    isDisabled={act.pending}
                    onPress={() => void act.run(d.id, 'retired')}
                    aria-label={t('devices.retireLabel', { name })}
                  >
                    {t('devices.retire')}
                  </Button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {writable && (
        <form className="form" onSubmit={submit} aria-labelledby="device-add-h">
          <h3 id="device-add-h" className="subhead">
            {t('devices.add')}
          </h3>
          <div className="grid-fields">
            <SelectField
              label={t('devices.typeLabel')}
              value={type}
              onChange={(v) => setType(v as DeviceType | '')}
              options={typeOptions}
              isRequired
            />
            <TextInput
              label={t('devices.location')}
              description={t('devices.locationHint')}
              value={location}
              onChange={setLocation}
              maxLength={100}
            />
            <TextInput label={t('devices.vendor')} value={vendor} onChange={setVendor} maxLength={100} />
            <TextInput label={t('devices.vendorId')} value={vendorId} onChange={setVendorId} maxLength={100} />
          </div>
          <ErrorAlert error={add.error} />
          <Button type="submit" isDisabled={add.pending || !type}>
            {t('devices.addSubmit')}
          </Button>
        </form>
      )}
    </Section>
  );
}

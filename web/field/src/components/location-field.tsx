/** Location: GPS, or a tap on the (lazily loaded) map; the place text is a separate field. */
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicTenant } from '../api';
import { Icon } from './category-icon';

const MapPicker = lazy(() => import('./map-picker'));

export interface Point {
  lat: number;
  lon: number;
  accuracy?: number;
  source: 'gps' | 'map';
}

export function LocationField({
  value,
  onChange,
  tenant,
}: {
  value: Point | null;
  onChange: (p: Point | null) => void;
  tenant: PublicTenant | null;
}) {
  const { t } = useTranslation();
  const [gps, setGps] = useState<'idle' | 'working' | 'error'>('idle');
  const [mapOpen, setMapOpen] = useState(false);

  const locate = () => {
    if (!('geolocation' in navigator)) return setGps('error');
    setGps('working');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setGps('idle');
        onChange({ lat: pos.coords.latitude, lon: pos.coords.longitude, accuracy: Math.round(pos.coords.accuracy), source: 'gps' });
      },
      () => setGps('error'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  return (
    <fieldset className="field">
      <legend className="field__label">{t('report.where')}</legend>
      <div className="btn-row">
        <button type="button" className="btn btn--secondary" onClick={locate} disabled={gps === 'working'}>
          <Icon name="pin" /> {gps === 'working' ? t('report.gpsWorking') : t('report.gps')}
        </button>
        <button type="button" className="btn btn--secondary" aria-expanded={mapOpen} onClick={() => setMapOpen((o) => !o)}>
          <Icon name="map" /> {mapOpen ? t('report.mapClose') : t('report.mapOpen')}
        </button>
      </div>
      <div role="status" className="loc-status">
        {gps === 'error' && (
          <p className="msg msg--warn">
            <Icon name="alert" /> {t('report.gpsError')}
          </p>
        )}
        {value && (
          <p className="msg msg--ok">
            <Icon name="check" /> {value.source === 'gps' ? t('report.gpsDone', { meters: value.accuracy ?? '?' }) : t('report.picked')}{' '}
            <button type="button" className="link-btn" onClick={() => onChange(null)}>
              {t('report.clearLocation')}
            </button>
          </p>
        )}
      </div>
      {mapOpen && (
        <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
          <MapPicker tenant={tenant} value={value} onPick={(lat, lon) => onChange({ lat, lon, source: 'map' })} />
        </Suspense>
      )}
    </fieldset>
  );
}

import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Button, TextInput } from '../../app/ui/fields';
import { ConsoleMap, type ConsoleMapProps } from '../../app/ui/map';
import { type AreaFeature, useAreaShapes } from '../tenants/api';
import { areaAt, areaBounds, searchAreas } from './area-search';

export interface Point {
  lat: number;
  lon: number;
}

/**
 * Where, for the intake forms: tap the map to place the point, search the tenant's areas
 * (町丁目) by what the caller says, or use this device's location. No coordinates to type.
 * Choosing an area shows it on the map and, when the place is still empty, writes its name.
 */
export function PlaceField({
  point,
  onPoint,
  placeText,
  onPlaceText,
}: {
  point: Point | null;
  onPoint: (p: Point | null) => void;
  placeText: string;
  onPlaceText: (v: string) => void;
}) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const areas = useAreaShapes(me?.tenant_slug ?? null);
  const all = areas.data?.features ?? [];
  const [q, setQ] = useState('');
  const [focus, setFocus] = useState<ConsoleMapProps['focus']>(null);
  const [gps, setGps] = useState<'idle' | 'asking' | 'denied' | 'failed'>('idle');
  const found = useMemo(() => (q.trim() ? searchAreas(all, q) : []), [all, q]);
  const pointArea = point ? areaAt(all, point.lat, point.lon) : null;
  const canLocate = typeof navigator !== 'undefined' && 'geolocation' in navigator;

  function chooseArea(a: AreaFeature) {
    setFocus({ lat: 0, lon: 0, bounds: areaBounds(a) });
    if (!placeText.trim()) onPlaceText(a.properties.name);
    setQ('');
  }

  function locate() {
    setGps('asking');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setGps('idle');
        onPoint({ lat: pos.coords.latitude, lon: pos.coords.longitude });
      },
      (err) => setGps(err.code === err.PERMISSION_DENIED ? 'denied' : 'failed'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  return (
    <div className="place-field">
      <TextInput label={t('concern.place')} description={t('newConcern.placeHint')} value={placeText} onChange={onPlaceText} />
      <div role="search" className="place-field__search">
        <TextInput label={t('maps.areaSearch')} description={t('maps.areaSearchHint')} value={q} onChange={setQ} />
        {q.trim() && (
          <p role="status" className="muted">
            {found.length ? t('maps.areasFound', { count: found.length }) : t('maps.noAreaFound')}
          </p>
        )}
        {found.length > 0 && (
          <ul className="place-field__results">
            {found.map((a) => (
              <li key={a.id}>
                <Button variant="secondary" onPress={() => chooseArea(a)}>
                  {a.properties.name}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <p id="map-pick-hint" className="field__hint">
        {t('maps.pickHint')}
      </p>
      <ConsoleMap
        label={t('maps.pickMap')}
        size="small"
        pick={{ value: point, onPick: (lat, lon) => onPoint({ lat, lon }) }}
        focus={focus}
        highlightAreaId={pointArea?.id ?? null}
      />
      <p role="status" className="place-field__status">
        {point ? (pointArea ? t('maps.pickedIn', { area: pointArea.properties.name }) : t('maps.pickedOutside')) : t('maps.notPicked')}
      </p>
      <div className="button-row">
        {canLocate && (
          <Button variant="secondary" onPress={locate} isDisabled={gps === 'asking'}>
            {gps === 'asking' ? t('maps.locating') : t('maps.useLocation')}
          </Button>
        )}
        {point && (
          <Button variant="ghost" onPress={() => onPoint(null)}>
            {t('maps.clearPoint')}
          </Button>
        )}
      </div>
      {(gps === 'denied' || gps === 'failed') && (
        <p className="alert alert--warn" role="alert">
          {t(gps === 'denied' ? 'maps.locationDenied' : 'maps.locationFailed')}
        </p>
      )}
    </div>
  );
}

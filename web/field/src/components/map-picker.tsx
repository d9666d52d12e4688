/**
 * The Leaflet map, loaded only when opened. Tiles come from the tenant config (default 地理院タイル);
 * the municipality's areas are drawn from GeoJSON (cached on the device), so picking a point
 * still works with no tiles reachable. Keyboard users pan with the arrow keys and pick the centre.
 */

import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import 'leaflet/dist/leaflet.css';
import type { PublicTenant } from '../api';
import { getKv, setKv } from '../store';

const GSI = 'https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png';
const GSI_ATTR = '<a href="https://maps.gsi.go.jp/development/ichiran.html">地理院タイル</a>';

async function areas(tenant: PublicTenant): Promise<GeoJSON.GeoJsonObject | null> {
  const url = tenant.areas_geojson_url ?? `/api/v1/public/tenants/${encodeURIComponent(tenant.slug)}/areas.geojson`;
  const key = `areas:${tenant.slug}`;
  try {
    const res = await fetch(url, { headers: { Accept: 'application/geo+json, application/json' } });
    if (!res.ok) throw new Error(String(res.status));
    const data = (await res.json()) as GeoJSON.GeoJsonObject;
    await setKv(key, data);
    return data;
  } catch {
    return (await getKv<GeoJSON.GeoJsonObject>(key)) ?? null;
  }
}

export default function MapPicker({
  tenant,
  value,
  onPick,
}: {
  tenant: PublicTenant | null;
  value: { lat: number; lon: number } | null;
  onPick: (lat: number, lon: number) => void;
}) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const marker = useRef<L.CircleMarker | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is built once per tenant; later picks move the marker (effect below), they must not rebuild the map
  useEffect(() => {
    const m = L.map(el.current!, { zoomControl: true, attributionControl: true, keyboard: true });
    map.current = m;
    L.tileLayer(tenant?.tile_url || GSI, { attribution: tenant?.tile_attribution || GSI_ATTR, maxZoom: 18, crossOrigin: false }).addTo(m);
    const b = tenant?.bbox;
    if (value) m.setView([value.lat, value.lon], 17);
    else if (b)
      m.fitBounds([
        [b[1], b[0]],
        [b[3], b[2]],
      ]);
    else m.setView([35.681, 139.767], 12);
    m.on('click', (e: L.LeafletMouseEvent) => pick.current(e.latlng.lat, e.latlng.lng));
    if (tenant) {
      void areas(tenant).then((gj) => {
        if (!gj || !map.current) return;
        const layer = L.geoJSON(gj, {
          style: { color: '#0017c1', weight: 2, fillColor: '#0017c1', fillOpacity: 0.06 },
          interactive: false,
        }).addTo(m);
        if (!value && !b && layer.getBounds().isValid()) m.fitBounds(layer.getBounds());
      });
    }
    return () => {
      m.remove();
      map.current = null;
      marker.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tenant]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    if (!value) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    const ll = L.latLng(value.lat, value.lon);
    if (marker.current) marker.current.setLatLng(ll);
    else marker.current = L.circleMarker(ll, { radius: 12, color: '#000', weight: 3, fillColor: '#ec0000', fillOpacity: 0.9 }).addTo(m);
  }, [value]);

  return (
    <div className="map-wrap">
      <p id="map-hint" className="hint">
        {t('report.mapHint')}
      </p>
      <div ref={el} className="map" role="region" aria-label={t('report.mapLabel')} aria-describedby="map-hint" />
      <button
        type="button"
        className="btn btn--secondary"
        onClick={() => {
          const c = map.current?.getCenter();
          if (c) onPick(c.lat, c.lng);
        }}
      >
        {t('report.mapCentre')}
      </button>
    </div>
  );
}

/**
 * The Leaflet map behind ConsoleMap (loaded in its own chunk). Tiles come from the tenant's
 * config (TILE_URL, default 地理院タイル); the tenant's areas are always drawn from GeoJSON, so
 * points and areas still show where city-hall networks cannot reach the tile server.
 */
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import 'leaflet/dist/leaflet.css';
import { useAreaShapes, useMapBase } from '../../modules/tenants/api';
import { useAuth } from '../auth';
import type { ConsoleMapProps, MapPoint } from './map';

const GSI = 'https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png';
const GSI_ATTR = '<a href="https://maps.gsi.go.jp/development/ichiran.html">地理院タイル</a>';
const TOKYO: L.LatLngTuple = [35.681, 139.767];

function pinIcon(p: MapPoint, selected: boolean): L.DivIcon {
  const cls = ['map-pin', `map-pin--${p.tone ?? 'normal'}`, p.old ? 'map-pin--old' : '', selected ? 'map-pin--selected' : '']
    .filter(Boolean)
    .join(' ');
  const size = selected ? 34 : p.tone === 'self' ? 30 : 24;
  return L.divIcon({
    className: cls,
    html: `<span class="map-pin__dot" aria-hidden="true">${p.glyph ?? ''}</span>`,
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
  });
}

/** Markers are labelled buttons for screen readers and pointers; keyboard users use the list beside the map. */
function labelMarker(m: L.Marker, label: string, selected: boolean) {
  const el = m.getElement();
  if (!el) return;
  el.setAttribute('role', 'button');
  el.setAttribute('aria-label', label);
  el.setAttribute('tabindex', '-1');
  el.setAttribute('aria-pressed', String(selected));
  el.removeAttribute('title');
}

export default function MapView({
  label,
  points = [],
  selectedId,
  onSelect,
  pick,
  highlightAreaId,
  focus,
  size = 'large',
}: ConsoleMapProps) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const slug = me?.tenant_slug ?? null;
  const base = useMapBase(slug);
  const areas = useAreaShapes(slug);
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const markers = useRef(new Map<string, L.Marker>());
  const pickMarker = useRef<L.Marker | null>(null);
  const areaLayer = useRef<L.GeoJSON | null>(null);
  const fitted = useRef(false);
  const fitView = useRef<() => void>(() => {});
  const [tilesDown, setTilesDown] = useState(false);
  const select = useRef(onSelect);
  select.current = onSelect;
  const onPick = useRef(pick?.onPick);
  onPick.current = pick?.onPick;

  // The map itself, once; tiles once the tenant's config is known.
  useEffect(() => {
    const m = L.map(el.current!, { zoomControl: true, attributionControl: true, keyboard: true });
    m.setView(TOKYO, 12);
    map.current = m;
    m.on('click', (e: L.LeafletMouseEvent) => onPick.current?.(e.latlng.lat, e.latlng.lng));
    return () => {
      m.remove();
      map.current = null;
      markers.current.clear();
      pickMarker.current = null;
      areaLayer.current = null;
      fitted.current = false;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m || (!base.data && !base.error)) return;
    let errors = 0;
    const layer = L.tileLayer(base.data?.tile_url || GSI, {
      attribution: base.data?.tile_attribution || GSI_ATTR,
      maxZoom: 18,
      crossOrigin: false,
    });
    let loaded = false;
    layer.on('tileerror', () => {
      errors += 1;
      if (errors >= 2 && !loaded) setTilesDown(true);
    });
    layer.on('tileload', () => {
      loaded = true;
      setTilesDown(false);
    });
    // A firewall that drops requests gives no error: no tile within a few seconds counts as down.
    const timer = setTimeout(() => {
      if (!loaded) setTilesDown(true);
    }, 6000);
    layer.addTo(m);
    return () => {
      clearTimeout(timer);
      layer.remove();
    };
  }, [base.data, base.error]);

  // Areas: drawn always (the map without tiles), the concern's own area stronger.
  useEffect(() => {
    const m = map.current;
    if (!m || !areas.data) return;
    areaLayer.current?.remove();
    const layer = L.geoJSON(areas.data as GeoJSON.FeatureCollection, {
      style: (f) =>
        f?.id === highlightAreaId
          ? { color: '#0017c1', weight: 3, fillColor: '#0017c1', fillOpacity: 0.18 }
          : { color: '#4d5a86', weight: 2, fillColor: '#c5d7fb', fillOpacity: 0.12, dashArray: '6 4' },
      interactive: false,
      // Without tiles the area names are the only landmarks: shown on the map then.
      onEachFeature: (f, l) => {
        if (tilesDown)
          l.bindTooltip(String(f.properties?.name ?? ''), {
            permanent: true,
            direction: 'center',
            offset: [0, 34],
            className: 'console-map__area-label',
            opacity: 0.9,
          });
      },
    }).addTo(m);
    layer.bringToBack();
    areaLayer.current = layer;
    fitView.current();
  }, [areas.data, highlightAreaId, tilesDown]);

  // Markers: added, moved and removed as the points change; the selected one on top.
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    const keep = new Set(points.map((p) => p.id));
    for (const [id, mk] of markers.current) {
      if (!keep.has(id)) {
        mk.remove();
        markers.current.delete(id);
      }
    }
    for (const p of points) {
      const selected = p.id === selectedId;
      let mk = markers.current.get(p.id);
      if (!mk) {
        mk = L.marker([p.lat, p.lon], { icon: pinIcon(p, selected), keyboard: false, riseOnHover: true });
        mk.on('click', (e) => {
          L.DomEvent.stopPropagation(e);
          select.current?.(p.id);
        });
        mk.addTo(m);
        markers.current.set(p.id, mk);
      } else {
        mk.setLatLng([p.lat, p.lon]);
        mk.setIcon(pinIcon(p, selected));
      }
      mk.setZIndexOffset(selected ? 1000 : p.tone === 'self' ? 500 : 0);
      labelMarker(mk, p.label, selected);
    }
    fitView.current();
  }, [points, selectedId]);

  // The selected point comes into view (a row chosen in the list).
  useEffect(() => {
    const m = map.current;
    const p = points.find((x) => x.id === selectedId);
    if (!m || !p) return;
    if (!m.getBounds().pad(-0.1).contains([p.lat, p.lon])) m.panTo([p.lat, p.lon]);
  }, [selectedId, points]);

  // A picked point (intake forms).
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    const v = pick?.value;
    if (!v) {
      pickMarker.current?.remove();
      pickMarker.current = null;
      return;
    }
    const icon = pinIcon({ id: 'pick', lat: v.lat, lon: v.lon, label: '', tone: 'self' }, false);
    if (pickMarker.current) pickMarker.current.setLatLng([v.lat, v.lon]);
    else {
      pickMarker.current = L.marker([v.lat, v.lon], { icon, keyboard: false, interactive: false }).addTo(m);
    }
    const el = pickMarker.current.getElement();
    el?.setAttribute('role', 'img');
    el?.setAttribute('aria-label', t('maps.picked', { lat: v.lat.toFixed(5), lon: v.lon.toFixed(5) }));
    if (!m.getBounds().pad(-0.1).contains([v.lat, v.lon])) m.setView([v.lat, v.lon], Math.max(m.getZoom(), 16));
  }, [pick?.value, t]);

  // Jump to a place chosen in the area search.
  useEffect(() => {
    const m = map.current;
    if (!m || !focus) return;
    if (focus.bounds) m.fitBounds(focus.bounds, { maxZoom: 17 });
    else m.setView([focus.lat, focus.lon], focus.zoom ?? 17);
  }, [focus]);

  // Once, when there is something to show: the points, else the chosen area, else the tenant.
  fitView.current = () => {
    const m = map.current;
    if (!m || fitted.current) return;
    const pts: L.LatLngTuple[] = points.map((p) => [p.lat, p.lon]);
    if (pick?.value) pts.push([pick.value.lat, pick.value.lon]);
    let b: L.LatLngBounds | null = pts.length ? L.latLngBounds(pts) : null;
    // The concern's or person's own area stays in view with its point: the boundary is the context.
    const own = highlightAreaId
      ? (areaLayer.current?.getLayers().find((l) => (l as L.Polygon).feature?.id === highlightAreaId) as L.Polygon | undefined)
      : undefined;
    if (own) b = b ? b.extend(own.getBounds()) : own.getBounds();
    if (!b && areaLayer.current?.getBounds().isValid()) b = areaLayer.current.getBounds();
    if (!b && base.data?.bbox) {
      const x = base.data.bbox;
      b = L.latLngBounds([x[1]!, x[0]!], [x[3]!, x[2]!]);
    }
    if (!b) return;
    if (b.getNorthEast().equals(b.getSouthWest())) m.setView(b.getCenter(), 16);
    else m.fitBounds(b, { padding: [24, 24], maxZoom: 16 });
    // Final once the areas are drawn (or when there is no area to wait for).
    fitted.current = !!areaLayer.current || (!highlightAreaId && pts.length > 0);
  };

  return (
    <div className={`console-map console-map--${size}`}>
      <div ref={el} className="console-map__canvas" role="region" aria-label={label} />
      {pick && (
        <button
          type="button"
          className="btn btn--secondary console-map__centre"
          onClick={() => {
            const c = map.current?.getCenter();
            if (c) pick.onPick(c.lat, c.lng);
          }}
        >
          {t('maps.pickCentre')}
        </button>
      )}
      {tilesDown && (
        <p className="console-map__note" role="status">
          {t('maps.tilesDown')}
        </p>
      )}
    </div>
  );
}

/**
 * A map for any console page: labelled points (concerns, cases, a person's home), the tenant's
 * areas (町丁目) always drawn from GeoJSON so it still shows something without map tiles, and
 * optionally a point to place by tapping (intake forms). Leaflet loads in its own chunk on first
 * use. The map adds to a list or a text, never replaces it: keyboard users choose from the list,
 * and every marker is a labelled button for screen readers and pointers.
 */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import './map.css';

/** Marker colours: a concern's urgency hint (category priority), a case, a duplicate, or "this one". */
export type MapTone = 'urgent' | 'high' | 'normal' | 'low' | 'case' | 'duplicate' | 'self';

export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  /** What a screen reader says for the marker: what and where. */
  label: string;
  tone?: MapTone;
  /** Waiting long (shown with a ring and a "!" as well as in the label). */
  old?: boolean;
  /** One character shown in the marker (e.g. "!" for old). */
  glyph?: string;
}

export interface ConsoleMapProps {
  /** The map region's accessible name. */
  label: string;
  points?: MapPoint[];
  selectedId?: string | null;
  onSelect?: (id: string) => void;
  /** Tap/click to place a point (intake). */
  pick?: { value: { lat: number; lon: number } | null; onPick: (lat: number, lon: number) => void };
  /** The area to draw stronger (a concern's 町丁目). */
  highlightAreaId?: string | null;
  /** Where to look now (an area chosen in the search). */
  focus?: { lat: number; lon: number; zoom?: number; bounds?: [[number, number], [number, number]] } | null;
  size?: 'small' | 'large';
}

const MapView = lazy(() => import('./map-view'));

export function ConsoleMap(props: ConsoleMapProps) {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <div className={`console-map console-map--${props.size ?? 'large'}`}>
          <p className="loading" role="status">
            {t('maps.loading')}
          </p>
        </div>
      }
    >
      <MapView {...props} />
    </Suspense>
  );
}

/** The legend for concern markers: colour and ring are explained in words. */
export function MapLegend({ items }: { items: { tone: MapTone; old?: boolean; label: string }[] }) {
  return (
    <ul className="map-legend">
      {items.map((i) => (
        <li key={`${i.tone}-${i.old ? 'old' : ''}`}>
          <span className={`map-pin map-pin--${i.tone}${i.old ? ' map-pin--old' : ''} map-legend__pin`} aria-hidden="true">
            <span className="map-pin__dot">{i.old ? '!' : ''}</span>
          </span>
          {i.label}
        </li>
      ))}
    </ul>
  );
}

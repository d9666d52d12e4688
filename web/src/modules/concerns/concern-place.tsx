import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { ConsoleMap, MapLegend, type MapPoint } from '../../app/ui/map';
import { Section } from '../../app/ui/page';
import type { Concern, DuplicateConcern } from './api';
import { useCategories } from './categories';

/** Why a concern is suggested as a duplicate, in words (never a raw code). */
export function DuplicateReasons({ d }: { d: DuplicateConcern }) {
  const { t } = useTranslation();
  return (
    <span className="flags">
      {d.reasons.map((r) => (
        <span key={r} className="badge badge--info">
          {r === 'nearby' && d.distance_m !== null ? t('maps.reason.nearbyM', { m: d.distance_m }) : t(`maps.reason.${r}`)}
        </span>
      ))}
    </span>
  );
}

/**
 * Where the concern is: its point and area (町丁目) on the map with its duplicate candidates and
 * open cases nearby, and the same in words for those who do not use the map.
 */
export function ConcernPlace({ concern: c }: { concern: Concern }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { label } = useCategories();
  const hasPoint = c.latitude !== null && c.longitude !== null;

  const points = useMemo<MapPoint[]>(() => {
    const out: MapPoint[] = [];
    for (const k of c.nearby_cases) {
      out.push({
        id: `case:${k.id}`,
        lat: k.latitude,
        lon: k.longitude,
        tone: 'case',
        label: t('maps.caseMarker', { n: k.case_number, m: k.distance_m }),
      });
    }
    for (const d of c.duplicates) {
      if (d.latitude === null || d.longitude === null) continue;
      out.push({
        id: `dup:${d.id}`,
        lat: d.latitude,
        lon: d.longitude,
        tone: 'duplicate',
        label: t('maps.duplicateMarker', { category: label(d.category), place: d.place_text || t('maps.pointOnly') }),
      });
    }
    if (hasPoint) {
      out.push({
        id: 'self',
        lat: c.latitude!,
        lon: c.longitude!,
        tone: 'self',
        label: t('maps.thisConcern', { category: c.category_label, place: c.place_text || c.area_name || t('maps.pointOnly') }),
      });
    }
    return out;
  }, [c, hasPoint, t, label]);

  function open(id: string) {
    if (id.startsWith('dup:')) navigate(`/concerns/${id.slice(4)}`);
    else if (id.startsWith('case:') && can('case:read')) navigate(`/cases/${id.slice(5)}`);
  }

  return (
    <Section title={t('maps.concernPlace')}>
      <p>
        {hasPoint
          ? c.area_name
            ? t('maps.pointInArea', { area: c.area_name })
            : c.outside_area
              ? t('maps.pointOutside')
              : t('maps.pointNoArea')
          : c.place_unknown
            ? t('maps.noPlaceAtAll')
            : t('maps.noPoint')}
      </p>
      {(hasPoint || points.length > 0) && (
        <>
          <ConsoleMap label={t('maps.concernMap')} points={points} onSelect={open} highlightAreaId={c.area_id} size="small" />
          <MapLegend
            items={[
              { tone: 'self', label: t('maps.legend.self') },
              { tone: 'duplicate', label: t('maps.legend.duplicate') },
              { tone: 'case', label: t('maps.legend.case') },
            ]}
          />
        </>
      )}
      {hasPoint && <p className="muted small">{t('concern.latLon', { lat: c.latitude!.toFixed(5), lon: c.longitude!.toFixed(5) })}</p>}
      {c.nearby_cases.length > 0 && (
        <>
          <h3 className="card__subtitle">{t('maps.nearbyCases')}</h3>
          <ul className="link-list">
            {c.nearby_cases.map((k) => (
              <li key={k.id}>
                {can('case:read') ? (
                  <Link to={`/cases/${k.id}`}>{t('cases.number', { n: k.case_number })}</Link>
                ) : (
                  t('cases.number', { n: k.case_number })
                )}{' '}
                <span className="muted">
                  {t('maps.distance', { m: k.distance_m })} · {t(`urgency.${k.urgency}`)} ·{' '}
                  {t(`caseStatus.${k.status}`, { defaultValue: k.status })}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleMap, type MapPoint } from '../../app/ui/map';
import { Section } from '../../app/ui/page';
import type { CaseDetail } from './api';

/** The places reported for a case (its concerns' points) on a small map, with the places in words. */
export function CaseMap({ c }: { c: Pick<CaseDetail, 'timeline'> }) {
  const { t } = useTranslation();
  const concerns = c.timeline.filter((e) => e.kind === 'concern');
  const points = useMemo<MapPoint[]>(
    () =>
      concerns.flatMap((e) => {
        const lat = e.data.latitude;
        const lon = e.data.longitude;
        if (typeof lat !== 'number' || typeof lon !== 'number') return [];
        const place = typeof e.data.place_text === 'string' && e.data.place_text ? e.data.place_text : t('maps.pointOnly');
        return [{ id: e.id, lat, lon, tone: 'self' as const, label: t('maps.casePlace', { place }) }];
      }),
    [concerns, t],
  );
  const places = [...new Set(concerns.map((e) => (typeof e.data.place_text === 'string' ? e.data.place_text : '')).filter(Boolean))];
  return (
    <Section title={t('maps.casePlaces')}>
      {places.length > 0 && <p>{places.join('、')}</p>}
      {points.length > 0 ? (
        <ConsoleMap label={t('maps.caseMap')} points={points} size="small" />
      ) : (
        <p className="muted">{t('maps.noCasePoint')}</p>
      )}
    </Section>
  );
}

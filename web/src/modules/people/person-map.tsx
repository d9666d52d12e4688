import { useTranslation } from 'react-i18next';
import { ConsoleMap } from '../../app/ui/map';
import { Section } from '../../app/ui/page';
import type { Person } from './api';

/** Where the person lives: their point and area (町丁目) on a small map, the address in words. */
export function PersonMap({ person: p }: { person: Pick<Person, 'id' | 'address' | 'latitude' | 'longitude' | 'area_id' | 'area_name'> }) {
  const { t } = useTranslation();
  const hasPoint = p.latitude !== null && p.longitude !== null;
  return (
    <Section title={t('maps.personPlace')}>
      <p>
        {p.address ?? t('maps.noAddress')}
        {p.area_name && <span className="block muted">{p.area_name}</span>}
      </p>
      {hasPoint || p.area_id ? (
        <ConsoleMap
          label={t('maps.personMap')}
          size="small"
          highlightAreaId={p.area_id}
          points={
            hasPoint
              ? [
                  {
                    id: p.id,
                    lat: p.latitude!,
                    lon: p.longitude!,
                    tone: 'self',
                    label: t('maps.home', { place: p.address ?? p.area_name ?? '' }),
                  },
                ]
              : []
          }
        />
      ) : (
        <p className="muted">{t('maps.noHomePoint')}</p>
      )}
    </Section>
  );
}

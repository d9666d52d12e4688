import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { UrgencyBadge, When } from '../../app/ui/badges';
import { ErrorAlert, Facts, Loading, PageHeading, Section } from '../../app/ui/page';
import { ResidentUpdates } from '../open311/resident-updates';
import { useConcern } from './api';
import { useCategories } from './categories';
import { ConcernPlace, DuplicateReasons } from './concern-place';
import { DismissDialog } from './dismiss-dialog';
import { ThanksForm } from './thanks-form';
import { TriageForm } from './triage-form';

export function ConcernPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { can } = useAuth();
  const { label } = useCategories();
  const res = useConcern(id);
  const c = res.data;

  return (
    <>
      <PageHeading title={c ? t('concern.titleWith', { category: c.category_label ?? label(c.category) }) : t('concern.title')}>
        {c && c.status === 'received' && can('triage:write') && <DismissDialog concernId={c.id} />}
      </PageHeading>
      <ErrorAlert error={res.error} />
      <Loading show={res.loading && !c} />
      {c && (
        <div className="two-col">
          <div className="stack">
            <Section title={t('concern.details')}>
              <Facts
                rows={[
                  [t('concern.status'), t(`concernStatus.${c.status}`, { defaultValue: c.status ?? '' })],
                  [t('concern.category'), c.category_label ?? label(c.category)],
                  [t('concern.description'), <span className="pre">{c.description || '—'}</span>],
                  [t('concern.reference'), <span className="mono">{c.reference}</span>],
                  [
                    t('concern.place'),
                    c.place_text ||
                      (c.place_unknown ? (
                        <span className="badge badge--warn">{t('maps.placeUnknown')}</span>
                      ) : c.latitude !== null ? (
                        t('maps.pointOnly')
                      ) : (
                        '—'
                      )),
                  ],
                  [t('concern.area'), c.area_name ?? (c.outside_area ? t('concern.outsideArea') : '—')],
                  [t('concern.observedAt'), formatDateTime(c.observed_at)],
                  [t('concern.receivedAt'), <When iso={c.received_at} />],
                  [t('concern.channel'), t(`channel.${c.channel}`, { defaultValue: c.channel })],
                  [
                    t('concern.reporterKind'),
                    `${t(`reporterKind.${c.reporter_kind}`, { defaultValue: c.reporter_kind })}${(c.partner_name ?? c.reporter_name) ? `（${c.partner_name ?? c.reporter_name}）` : ''}`,
                  ],
                  [t('concern.anonymous'), c.anonymous ? t('common.yes') : t('common.no')],
                  [t('concern.callback'), c.callback_contact || '—'],
                  ...(c.urgency ? [[t('triage.urgency'), <UrgencyBadge urgency={c.urgency} />] as [string, ReactNode]] : []),
                  ...(c.case_id
                    ? [[t('cases.case'), <Link to={`/cases/${c.case_id}`}>{t('concern.openCase')}</Link>] as [string, ReactNode]]
                    : []),
                ]}
              />
            </Section>
            {c.photos.length > 0 && (
              <Section title={t('concern.photos')}>
                <p className="muted">{t('concern.photosNote')}</p>
                <ul className="photo-list">
                  {c.photos.map((ph, i) => (
                    <li key={ph.id}>
                      <a href={`/api/v1/concerns/${c.id}/photos/${ph.id}`} target="_blank" rel="noreferrer">
                        <img
                          src={`/api/v1/concerns/${c.id}/photos/${ph.id}`}
                          width={Math.round((ph.width / ph.height) * 160)}
                          height={160}
                          loading="lazy"
                          alt={t('concern.photoAlt', { n: i + 1 })}
                        />
                      </a>
                    </li>
                  ))}
                </ul>
              </Section>
            )}
            <ConcernPlace concern={c} />
            <Section title={t('concern.duplicates')}>
              {c.duplicates.length === 0 ? (
                <p className="muted">{t('concern.noDuplicates')}</p>
              ) : (
                <ul className="link-list">
                  {c.duplicates.map((d) => (
                    <li key={d.id}>
                      <Link to={`/concerns/${d.id}`}>
                        {label(d.category)} — {d.place_text || '—'}
                      </Link>{' '}
                      <DuplicateReasons d={d} />{' '}
                      <span className="muted">
                        {formatDateTime(d.received_at)}
                        {` · ${t(`concernStatus.${d.status}`, { defaultValue: d.status })}`}
                      </span>{' '}
                      {d.case_id && (
                        <Link to={`/cases/${d.case_id}`}>
                          {d.case_number ? t('cases.number', { n: d.case_number }) : t('concern.openCase')}
                        </Link>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          </div>
          <div className="stack">
            {c.status === 'received' && can('triage:write') && <TriageForm concern={c} />}
            {c.channel === 'open311' && <ResidentUpdates concernId={c.id} />}
            {c.reporter_kind !== 'staff' && !c.anonymous && can('triage:write') && (
              <ThanksForm concernId={c.id} current={c.thanks_message} />
            )}
          </div>
        </div>
      )}
    </>
  );
}

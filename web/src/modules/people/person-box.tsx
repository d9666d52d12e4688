import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { formatDate } from '../../app/format';
import { ErrorAlert, Facts, Loading } from '../../app/ui/page';
import type { Loaded } from '../../app/use-api';
import { useAlerts } from '../alerts/api';
import { usePersonDevices } from '../devices/api';
import { type Consent, type Person, usePerson } from './api';
import '../cases/case.css';

/** 「82歳」, or 「82歳くらい」 when only the birth year is known. */
export function useAgeText() {
  const { t } = useTranslation();
  return (age: Person['age']) => (age ? t(age.approximate ? 'personBox.ageApprox' : 'personBox.age', { n: age.years }) : '—');
}

/** What a role may see of a name: the name, 「氏名未登録」, or 「氏名は非表示（権限なし）」. */
export function usePersonName() {
  const { t } = useTranslation();
  const { can } = useAuth();
  return (name: string | null | undefined) => (!can('person:read') ? t('person.nameHidden') : (name ?? t('person.unnamed')));
}

/** Whom a consent lets the hub share with, in words (agencies and kinds, or the older free text). */
export function consentTargets(c: Consent, t: ReturnType<typeof useTranslation>['t']): string {
  const parts = [
    ...c.agency_names,
    ...c.agency_kinds.map((k) => t('consentForm.kindAll', { kind: t(`agencyKind.${k}`, { defaultValue: k }) })),
  ];
  return parts.length ? parts.join('、') : c.shared_with;
}

/**
 * The person box: what a worker needs before calling — age, address, phone (a large tel: link),
 * living alone, household, emergency contacts, consents, open alerts and devices. Reading it is
 * an audited read of the person (GET /people/:id); alerts and devices load only for roles that
 * may see them.
 */
export function PersonBox({
  personId,
  person,
  headingLevel = 2,
  full = false,
}: {
  personId: string;
  /** The person when the page has loaded it already (one audited read, not two). */
  person?: Loaded<Person>;
  headingLevel?: 2 | 3;
  full?: boolean;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const own = usePerson(!person && can('person:read') ? personId : null);
  const res = person ?? own;
  const p = res.data;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const nameOf = usePersonName();
  const ageText = useAgeText();
  if (!can('person:read')) {
    return (
      <section className="card person-box" aria-labelledby="person-box-h">
        <H id="person-box-h" className="card__title">
          {t('cases.person')}
        </H>
        <p className="muted">{t('person.nameHidden')}</p>
      </section>
    );
  }
  const yn = (v: boolean | null | undefined) =>
    v === null || v === undefined ? t('personBox.unknown') : v ? t('common.yes') : t('common.no');
  const active = p?.consents.filter((c) => c.state === 'active') ?? [];
  const inactive = (p?.consents.length ?? 0) - active.length;

  return (
    <section className="card person-box" aria-labelledby="person-box-h">
      <H id="person-box-h" className="card__title">
        {t('personBox.title')}
      </H>
      <ErrorAlert error={res.error} />
      <Loading show={res.loading && !p} />
      {p && (
        <>
          <p className="person-box__name">
            {full ? nameOf(p.name) : <Link to={`/people/${p.id}`}>{nameOf(p.name)}</Link>}
            {p.kana && <span className="muted"> （{p.kana}）</span>}
            <span className="person-box__age">{ageText(p.age)}</span>
            {p.living_alone && <span className="badge badge--warn">{t('personBox.livesAlone')}</span>}
          </p>
          {p.phone ? (
            <a className="btn btn--secondary person-box__phone" href={`tel:${p.phone.replace(/[^\d+]/g, '')}`}>
              <span aria-hidden="true">☎</span> {t('personBox.call', { phone: p.phone })}
            </a>
          ) : (
            <p className="muted">{t('personBox.noPhone')}</p>
          )}
          <Facts
            rows={[
              [t('person.address'), p.address ?? '—'],
              [t('concern.area'), p.area_name ?? '—'],
              [
                t('person.birthDate'),
                p.birth_date
                  ? formatDate(`${p.birth_date}T00:00:00+09:00`)
                  : p.birth_year
                    ? t('person.bornIn', { year: p.birth_year })
                    : '—',
              ],
              [t('person.livingAlone'), yn(p.living_alone)],
              [
                t('person.household'),
                p.household ? (
                  <ul className="plain-list">
                    {p.household.members
                      .filter((m) => m.id !== p.id)
                      .map((m) => (
                        <li key={m.id}>
                          <Link to={`/people/${m.id}`}>{nameOf(m.name)}</Link>
                        </li>
                      ))}
                    {p.household.members.length <= 1 && <li className="muted">{t('personBox.noOtherMembers')}</li>}
                  </ul>
                ) : (
                  t('person.noHousehold')
                ),
              ],
              [
                t('person.emergencyContacts'),
                p.emergency_contacts.length === 0 ? (
                  <span className="muted">{t('person.noEmergencyContacts')}</span>
                ) : (
                  <ul className="plain-list">
                    {p.emergency_contacts.map((e) => (
                      <li key={`${e.name}|${e.relation}|${e.phone}`}>
                        {e.name}（{e.relation}）{' '}
                        {e.phone && (
                          <a className="tel-link" href={`tel:${e.phone.replace(/[^\d+]/g, '')}`}>
                            {e.phone}
                          </a>
                        )}
                      </li>
                    ))}
                  </ul>
                ),
              ],
              [
                t('consent.title'),
                active.length === 0 ? (
                  <span className="muted">{t('personBox.noActiveConsent')}</span>
                ) : (
                  <ul className="plain-list">
                    {active.map((c) => (
                      <li key={c.id}>
                        {consentTargets(c, t)}
                        {c.expires_at && <span className="muted">（{t('personBox.until', { date: formatDate(c.expires_at) })}）</span>}
                      </li>
                    ))}
                  </ul>
                ),
              ],
              ...(inactive > 0
                ? [[t('personBox.inactiveConsents'), t('personBox.inactiveCount', { count: inactive })] as [string, string]]
                : []),
              ...(full
                ? ([
                    [t('person.careService'), t(`careService.${p.care_service_use}`, { defaultValue: p.care_service_use })],
                    [t('person.note'), p.note ? <span className="pre">{p.note}</span> : '—'],
                  ] as [string, ReactNode][])
                : []),
            ]}
          />
          {can('alert:read') && <OpenAlerts personId={p.id} />}
          {can('device:read') && !full && <Devices personId={p.id} />}
        </>
      )}
    </section>
  );
}

function OpenAlerts({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const alerts = useAlerts({ person_id: personId, status: 'open' });
  const items = alerts.data?.items ?? [];
  return (
    <div className="person-box__more">
      <h3 className="subhead">{t('personBox.openAlerts')}</h3>
      <ErrorAlert error={alerts.error} />
      {alerts.data && items.length === 0 && <p className="muted">{t('personBox.noOpenAlerts')}</p>}
      {items.length > 0 && (
        <ul className="plain-list">
          {items.map((a) => (
            <li key={a.id}>
              <span aria-hidden="true">⚠</span> <Link to={`/alerts/${a.id}`}>{t(`alerts.type.${a.type}`, { defaultValue: a.type })}</Link>{' '}
              <span className="muted">{formatDate(a.raised_at)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Devices({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const devices = usePersonDevices(personId);
  const items = (devices.data?.items ?? []).filter((d) => d.status !== 'retired');
  return (
    <div className="person-box__more">
      <h3 className="subhead">{t('personBox.devices')}</h3>
      <ErrorAlert error={devices.error} />
      {devices.data && items.length === 0 && <p className="muted">{t('devices.none')}</p>}
      {items.length > 0 && (
        <ul className="plain-list">
          {items.map((d) => (
            <li key={d.id}>
              {t(`devices.type.${d.type}`, { defaultValue: d.type })}
              {d.location_in_home ? `（${d.location_in_home}）` : ''} · {t(`devices.status.${d.status}`)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { fromLocalInput, toLocalInput } from '../../app/format';
import { When } from '../../app/ui/badges';
import { Button, RadioField, TextInput } from '../../app/ui/fields';
import { ErrorAlert, Loading, PageHeading, Section } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { useDraft } from '../../app/use-draft';
import { type Acknowledgement, fileConcern, type NewConcern } from './api';
import { useCategories } from './categories';
import { PlaceField, type Point } from './place-field';
import { emptyIntake, intakeBody, StaffIntakeFields } from './staff-intake-fields';

interface Draft {
  category: string;
  description: string;
  place_text: string;
  observed_at: string;
}
const freshDraft = (): Draft => ({
  category: '',
  description: '',
  place_text: '',
  observed_at: toLocalInput(new Date()),
});

/**
 * File a concern. Staff enter phone and counter reports (channel, reporter, callback);
 * partners and supporters file as themselves. One Idempotency-Key per filled-in form, so a
 * double click or a retry after a dropped connection files it once.
 */
export function NewConcernPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const isStaff = can('concern:read');
  const categories = useCategories();
  // Kept as a draft of this account (app/use-draft.ts): a session that ends while typing loses nothing.
  const [initialDraft] = useState(freshDraft);
  const kept = useDraft<Draft>('concern-new', 'new', initialDraft);
  const [draft, setDraft] = [kept.value, kept.set];
  const [intake, setIntake] = useState(emptyIntake);
  const [point, setPoint] = useState<Point | null>(null);
  const [ack, setAck] = useState<Acknowledgement | null>(null);
  const key = useRef(crypto.randomUUID());
  // Untouched, the observed time is "now" and the server stamps it exactly.
  const initialObserved = useRef(initialDraft.observed_at);
  const m = useMutation(fileConcern);

  const set = (k: keyof Draft) => (v: string) => {
    key.current = crypto.randomUUID(); // new content, new submission
    setDraft((d) => ({ ...d, [k]: v }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!draft.category || m.pending) return;
    const body: NewConcern = { category: draft.category };
    if (draft.description.trim()) body.description = draft.description.trim();
    if (draft.place_text.trim()) body.place_text = draft.place_text.trim();
    if (draft.observed_at && draft.observed_at !== initialObserved.current) body.observed_at = fromLocalInput(draft.observed_at);
    if (point) {
      body.latitude = Number(point.lat.toFixed(6));
      body.longitude = Number(point.lon.toFixed(6));
    }
    if (isStaff) Object.assign(body, intakeBody(intake));
    const res = await m.run(body, key.current);
    if (res) {
      kept.clear();
      setAck(res);
    }
  }

  function again() {
    setAck(null);
    const fresh = freshDraft();
    initialObserved.current = fresh.observed_at;
    setDraft(fresh);
    setIntake(emptyIntake);
    setPoint(null);
    key.current = crypto.randomUUID();
  }

  if (ack) {
    return (
      <>
        <PageHeading title={t('newConcern.thanksTitle')} />
        <div className="card ack" role="status">
          <p>{t('newConcern.thanks')}</p>
          <p className="ack__ref">
            {t('newConcern.reference')}: <strong>{ack.reference}</strong>
          </p>
          <p>
            {t('concern.receivedAt')}: <When iso={ack.received_at} relative={false} />
          </p>
          {ack.outside_area && <p className="alert alert--warn">{t('newConcern.outsideArea')}</p>}
        </div>
        <div className="button-row">
          <Button onPress={again}>{t('newConcern.another')}</Button>
          {can('concern:read_own') && (
            <Link to="/reports" className="btn btn--secondary">
              {t('nav.myReports')}
            </Link>
          )}
          {isStaff && (
            <Link to={`/concerns/${ack.id}`} className="btn btn--secondary">
              {t('newConcern.openConcern')}
            </Link>
          )}
        </div>
      </>
    );
  }

  return (
    <>
      <PageHeading title={t('newConcern.title')} />
      <p className="lead">{t('newConcern.lead')}</p>
      <form className="form form--wide" onSubmit={submit}>
        <Section title={t('newConcern.what')}>
          <Loading show={categories.loading} />
          <ErrorAlert error={categories.error} />
          <RadioField
            tiles
            orientation="horizontal"
            label={t('concern.category')}
            isRequired
            value={draft.category}
            onChange={set('category')}
            options={categories.items.map((c) => ({ id: c.code, label: c.label }))}
          />
          <TextInput
            label={t('concern.description')}
            description={t('newConcern.descriptionHint')}
            value={draft.description}
            onChange={set('description')}
            multiline
            maxLength={4000}
          />
        </Section>
        <Section title={t('newConcern.whereWhen')}>
          {isStaff && <p className="field__hint">{t('maps.staffWhereRule')}</p>}
          <PlaceField
            point={point}
            onPoint={(p) => {
              key.current = crypto.randomUUID();
              setPoint(p);
            }}
            placeText={draft.place_text}
            onPlaceText={set('place_text')}
          />
          <TextInput label={t('concern.observedAt')} type="datetime-local" value={draft.observed_at} onChange={set('observed_at')} />
        </Section>
        {isStaff && (
          <StaffIntakeFields
            value={intake}
            onChange={(v) => {
              key.current = crypto.randomUUID();
              setIntake(v);
            }}
          />
        )}
        <ErrorAlert error={m.error} />
        <Button type="submit" isDisabled={!draft.category || m.pending}>
          {m.pending ? t('common.sending') : t('newConcern.submit')}
        </Button>
      </form>
    </>
  );
}

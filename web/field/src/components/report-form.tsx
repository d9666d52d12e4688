/**
 * The report form shared by the field app and the public page: big category buttons, location
 * (GPS or map), place text, observed time with quick chips, a note with guidance, and (field app
 * only) a photo. `extra` holds the public page's contact choice.
 */
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category, PublicTenant } from '../api';
import { downscale } from '../photo';
import type { ConcernBody } from '../store';
import { categoryLabel } from '../tenant';
import { CategoryIcon, Icon } from './category-icon';
import { LocationField, type Point } from './location-field';

export interface ReportDraft {
  body: ConcernBody;
  photo: { blob: Blob; type: string } | null;
}

type When = 'now' | 'morning' | 'yesterday' | 'days3' | 'custom';

function localInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function timeFor(w: Exclude<When, 'custom'>): Date {
  const now = new Date();
  if (w === 'morning') {
    const m = new Date(now);
    m.setHours(7, 0, 0, 0);
    return m < now ? m : now;
  }
  if (w === 'yesterday') return new Date(now.getTime() - 86_400_000);
  if (w === 'days3') return new Date(now.getTime() - 3 * 86_400_000);
  return now;
}

export function ReportForm(props: {
  categories: Category[];
  tenant: PublicTenant | null;
  allowPhoto: boolean;
  extra?: ReactNode;
  busy: boolean;
  submitLabel?: string;
  onSubmit: (draft: ReportDraft) => void | Promise<void>;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const [category, setCategory] = useState('');
  const [catError, setCatError] = useState(false);
  const [point, setPoint] = useState<Point | null>(null);
  const [place, setPlace] = useState('');
  const [when, setWhen] = useState<When>('now');
  const [at, setAt] = useState(() => localInput(new Date()));
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<{ blob: Blob; type: string; url: string } | null>(null);
  const catRef = useRef<HTMLFieldSetElement>(null);

  useEffect(
    () => () => {
      if (photo) URL.revokeObjectURL(photo.url);
    },
    [photo],
  );

  const chooseWhen = (w: Exclude<When, 'custom'>) => {
    setWhen(w);
    setAt(localInput(timeFor(w)));
  };

  const onPhoto = async (file: File | undefined) => {
    if (!file) return;
    const small = await downscale(file);
    setPhoto({ ...small, url: URL.createObjectURL(small.blob) });
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!category) {
      setCatError(true);
      catRef.current?.querySelector('input')?.focus();
      return;
    }
    const observed = when === 'now' ? new Date() : new Date(at);
    const body: ConcernBody = { category };
    if (note.trim()) body.description = note.trim();
    if (place.trim()) body.place_text = place.trim();
    if (!Number.isNaN(observed.getTime())) body.observed_at = observed.toISOString();
    if (point) {
      body.latitude = Math.round(point.lat * 1e6) / 1e6;
      body.longitude = Math.round(point.lon * 1e6) / 1e6;
    }
    await props.onSubmit({ body, photo: photo ? { blob: photo.blob, type: photo.type } : null });
  };

  const chips: [Exclude<When, 'custom'>, string][] = [
    ['now', t('report.whenNow')],
    ['morning', t('report.whenMorning')],
    ['yesterday', t('report.whenYesterday')],
    ['days3', t('report.when3days')],
  ];

  return (
    <form className="report-form" onSubmit={submit} noValidate>
      <fieldset ref={catRef} className="field" aria-describedby={catError ? `${ids}-caterr` : undefined}>
        <legend className="field__label">
          {t('report.category')} <span className="req">{t('common.required')}</span>
        </legend>
        {catError && (
          <p id={`${ids}-caterr`} className="msg msg--error" role="alert">
            <Icon name="alert" /> {t('report.categoryRequired')}
          </p>
        )}
        <div className="cat-grid">
          {props.categories.map((c) => (
            <label key={c.code} className="cat-btn">
              <input
                type="radio"
                name="category"
                value={c.code}
                checked={category === c.code}
                onChange={() => {
                  setCategory(c.code);
                  setCatError(false);
                }}
              />
              <CategoryIcon code={c.code} />
              <span>{categoryLabel(t, c)}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <LocationField value={point} onChange={setPoint} tenant={props.tenant} />

      <div className="field">
        <label className="field__label" htmlFor={`${ids}-place`}>
          {t('report.place')} <span className="opt">{t('common.optional')}</span>
        </label>
        <p id={`${ids}-placehint`} className="hint">
          {t('report.placeHint')}
        </p>
        <input
          id={`${ids}-place`}
          className="input"
          value={place}
          maxLength={200}
          autoComplete="off"
          aria-describedby={`${ids}-placehint`}
          onChange={(e) => setPlace(e.target.value)}
        />
      </div>

      <fieldset className="field">
        <legend className="field__label">{t('report.when')}</legend>
        <div className="chips">
          {chips.map(([w, label]) => (
            <label key={w} className="chip">
              <input type="radio" name="when" checked={when === w} onChange={() => chooseWhen(w)} />
              <span>{label}</span>
            </label>
          ))}
        </div>
        <label className="field__sublabel" htmlFor={`${ids}-at`}>
          {t('report.whenExact')}
        </label>
        <input
          id={`${ids}-at`}
          className="input"
          type="datetime-local"
          value={at}
          max={localInput(new Date())}
          onChange={(e) => {
            setAt(e.target.value);
            setWhen('custom');
          }}
        />
      </fieldset>

      <div className="field">
        <label className="field__label" htmlFor={`${ids}-note`}>
          {t('report.note')} <span className="opt">{t('common.optional')}</span>
        </label>
        <p id={`${ids}-notehint`} className="hint">
          {t('report.noteHint')}
        </p>
        <textarea
          id={`${ids}-note`}
          className="input textarea"
          rows={4}
          maxLength={2000}
          value={note}
          aria-describedby={`${ids}-notehint`}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>

      {props.allowPhoto && (
        <div className="field">
          <span className="field__label" id={`${ids}-photolabel`}>
            {t('report.photo')} <span className="opt">{t('common.optional')}</span>
          </span>
          <p id={`${ids}-photohint`} className="hint">
            {t('report.photoHint')}
          </p>
          {photo ? (
            <div className="photo">
              <img src={photo.url} alt={t('report.photoAlt')} />
              <button type="button" className="btn btn--secondary" onClick={() => setPhoto(null)}>
                {t('report.photoRemove')}
              </button>
            </div>
          ) : (
            <label className="btn btn--secondary file-btn">
              <Icon name="camera" /> {t('report.photoAdd')}
              <input
                type="file"
                accept="image/*"
                capture="environment"
                className="visually-hidden"
                aria-describedby={`${ids}-photohint`}
                onChange={(e) => void onPhoto(e.target.files?.[0])}
              />
            </label>
          )}
        </div>
      )}

      {props.extra}

      <button type="submit" className="btn btn--primary btn--big" disabled={props.busy}>
        <Icon name="send" /> {props.busy ? t('report.sending') : (props.submitLabel ?? t('report.submit'))}
      </button>
    </form>
  );
}

import { type FormEvent, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DraftNote } from '../../app/ui/draft-note';
import { Button, CheckboxField, RadioField, TextInput } from '../../app/ui/fields';
import { ErrorAlert } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { useDraft } from '../../app/use-draft';
import { useAgencies } from '../cases/api';
import { addConsent, type Consent, type NewConsent } from './api';

export const CONSENT_SCOPES = ['basic', 'health', 'care', 'living', 'family'] as const;

/** Today's date in Tokyo as YYYY-MM-DD (the default consent date). */
function tokyoToday(): string {
  return new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
}

interface Fields {
  agencyIds: string[];
  kinds: string[];
  scopes: string[];
  method: string;
  givenOn: string;
  expiresOn: string;
  scope: string;
}

function toggle(list: string[], id: string, on: boolean): string[] {
  return on ? [...new Set([...list, id])] : list.filter((x) => x !== id);
}

/**
 * Record a consent: which agencies (or every agency of a kind) it allows sharing with, what
 * information, how it was obtained, the date and an optional expiry. Used on the person page and,
 * inline, from the referral form (presetAgencyId ticks the agency being referred to).
 */
export function ConsentForm({
  personId,
  presetAgencyId,
  onSaved,
  onCancel,
  draftKey = 'person',
}: {
  personId: string;
  presetAgencyId?: string;
  onSaved: (c: Consent) => void;
  onCancel?: () => void;
  draftKey?: string;
}) {
  const { t } = useTranslation();
  const uid = useId();
  const agencies = useAgencies();
  const list = agencies.data?.items ?? [];
  const kinds = [...new Set(list.map((a) => a.kind))];
  const draft = useDraft<Fields>(`consent-${draftKey}`, personId, {
    agencyIds: presetAgencyId ? [presetAgencyId] : [],
    kinds: [],
    scopes: ['basic'],
    method: '',
    givenOn: tokyoToday(),
    expiresOn: '',
    scope: '',
  });
  const f = draft.value;
  const m = useMutation((body: NewConsent) => addConsent(personId, body));

  async function submit(e: FormEvent) {
    e.preventDefault();
    e.stopPropagation();
    const body: NewConsent = {
      agency_ids: f.agencyIds,
      agency_kinds: f.kinds,
      scope_items: f.scopes as NewConsent['scope_items'],
      method: f.method as 'verbal' | 'written',
    };
    if (f.scope.trim()) body.scope = f.scope.trim();
    if (f.givenOn && f.givenOn !== tokyoToday()) body.given_at = `${f.givenOn}T00:00:00+09:00`;
    if (f.expiresOn) body.expires_at = `${f.expiresOn}T23:59:59+09:00`;
    const c = await m.run(body);
    if (c) {
      draft.clear();
      onSaved(c);
    }
  }

  const ready = (f.agencyIds.length > 0 || f.kinds.length > 0) && !!f.method;
  return (
    <form className="form" onSubmit={submit}>
      <DraftNote draft={draft} />
      <ErrorAlert error={agencies.error} />
      <fieldset className="fieldset" aria-describedby={`${uid}-who`}>
        <legend className="field__label">
          {t('consentForm.agencies')} <span className="field__required">*</span>
        </legend>
        <p id={`${uid}-who`} className="field__hint">
          {t('consentForm.agenciesHint')}
        </p>
        <div className="check-list">
          {list.map((a) => (
            <CheckboxField
              key={a.id}
              isSelected={f.agencyIds.includes(a.id)}
              onChange={(on) => draft.update({ agencyIds: toggle(f.agencyIds, a.id, on) })}
            >
              {a.name}
            </CheckboxField>
          ))}
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend className="field__label">{t('consentForm.kinds')}</legend>
        <div className="check-list">
          {kinds.map((k) => (
            <CheckboxField key={k} isSelected={f.kinds.includes(k)} onChange={(on) => draft.update({ kinds: toggle(f.kinds, k, on) })}>
              {t('consentForm.kindAll', { kind: t(`agencyKind.${k}`, { defaultValue: k }) })}
            </CheckboxField>
          ))}
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend className="field__label">{t('consent.scope')}</legend>
        <div className="check-list">
          {CONSENT_SCOPES.map((s) => (
            <CheckboxField key={s} isSelected={f.scopes.includes(s)} onChange={(on) => draft.update({ scopes: toggle(f.scopes, s, on) })}>
              {t(`consentScope.${s}`)}
            </CheckboxField>
          ))}
        </div>
      </fieldset>
      <RadioField
        label={t('consentForm.method')}
        orientation="horizontal"
        isRequired
        value={f.method}
        onChange={(method) => draft.update({ method })}
        options={[
          { id: 'verbal', label: t('consentMethod.verbal') },
          { id: 'written', label: t('consentMethod.written') },
        ]}
      />
      <div className="grid-2">
        <TextInput
          label={t('consentForm.givenOn')}
          type="date"
          value={f.givenOn}
          onChange={(givenOn) => draft.update({ givenOn })}
          isRequired
        />
        <TextInput
          label={t('consentForm.expiresOn')}
          description={t('consentForm.expiresHint')}
          type="date"
          value={f.expiresOn}
          onChange={(expiresOn) => draft.update({ expiresOn })}
        />
      </div>
      <TextInput
        label={t('consentForm.scopeNote')}
        description={t('consent.scopeHint')}
        value={f.scope}
        onChange={(scope) => draft.update({ scope })}
      />
      <ErrorAlert error={m.error} />
      <div className="inline-form">
        <Button type="submit" isDisabled={m.pending || !ready}>
          {t('consent.submit')}
        </Button>
        {onCancel && (
          <Button variant="secondary" onPress={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}

import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { fromLocalInput, toLocalInput } from '../../app/format';
import { Button, TextInput } from '../../app/ui/fields';
import { ErrorAlert, Section, SuccessNote } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { saveWatchSettings, useWatchSettings, type WatchRuleSettings, type WatchSettingsUpdate, type WatchSettingsView } from './api';

type Form = Record<
  | 'inactivityHours'
  | 'quietFrom'
  | 'quietTo'
  | 'standbyWatts'
  | 'standbyHours'
  | 'awayUntil'
  | 'watcherConfirmMinutes'
  | 'hubEscalateMinutes',
  string
>;

const num = (v: number | undefined) => (v === undefined || v === null ? '' : String(v));
function toForm(s: WatchRuleSettings): Form {
  return {
    inactivityHours: num(s.inactivityHours),
    quietFrom: s.quietHours?.from ?? '',
    quietTo: s.quietHours?.to ?? '',
    standbyWatts: num(s.standbyWatts),
    standbyHours: num(s.standbyHours),
    awayUntil: s.awayUntil ? toLocalInput(new Date(s.awayUntil)) : '',
    watcherConfirmMinutes: num(s.watcherConfirmMinutes),
    hubEscalateMinutes: num(s.hubEscalateMinutes),
  };
}
/**
 * The PUT merges into the stored settings; null removes a key (back to the default). Only keys
 * that are filled in, or that were stored and are now blank, are sent.
 */
function fromForm(f: Form, stored: WatchRuleSettings): WatchSettingsUpdate {
  const n = (v: string) => (v.trim() === '' ? null : Number(v));
  const all: Record<string, unknown> = {
    inactivityHours: n(f.inactivityHours),
    standbyWatts: n(f.standbyWatts),
    standbyHours: n(f.standbyHours),
    watcherConfirmMinutes: n(f.watcherConfirmMinutes),
    hubEscalateMinutes: n(f.hubEscalateMinutes),
    quietHours: f.quietFrom && f.quietTo ? { from: f.quietFrom, to: f.quietTo } : null,
    awayUntil: f.awayUntil ? fromLocalInput(f.awayUntil) : null,
  };
  return Object.fromEntries(Object.entries(all).filter(([k, v]) => v !== null || (stored as Record<string, unknown>)[k] != null));
}

/** The stored keys (not the defaults): the open `settings` object of the answer. */
const storedOf = (v: WatchSettingsView | null): WatchRuleSettings => (v ? (v.settings as WatchRuleSettings) : {});

/** 見守り設定: when the rules fire for this person; blank fields use the defaults. */
export function WatchSettingsSection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const res = useWatchSettings(personId);
  const [form, setForm] = useState<Form | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (res.data) setForm(toForm(storedOf(res.data)));
  }, [res.data]);
  const save = useMutation(async (f: Form) => {
    await saveWatchSettings(personId, fromForm(f, storedOf(res.data)));
    setSaved(true);
    res.reload();
  });
  const writable = can('watcher:write');
  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    if (form) void save.run(form);
  }
  const set = (k: keyof Form) => (v: string) => {
    setSaved(false);
    setForm((f) => (f ? { ...f, [k]: v } : f));
  };
  return (
    <Section title={t('watchSettings.title')}>
      <p className="muted">{t('watchSettings.hint')}</p>
      <ErrorAlert error={res.error} />
      {form && (
        <form className="form" onSubmit={submit}>
          <div className="grid-fields">
            <TextInput
              label={t('watchSettings.inactivityHours')}
              description={t('watchSettings.inactivityHoursHint')}
              value={form.inactivityHours}
              onChange={set('inactivityHours')}
              inputMode="decimal"
            />
            <TextInput
              label={t('watchSettings.quietFrom')}
              description={t('watchSettings.timeHint')}
              value={form.quietFrom}
              onChange={set('quietFrom')}
              type="time"
            />
            <TextInput
              label={t('watchSettings.quietTo')}
              description={t('watchSettings.timeHint')}
              value={form.quietTo}
              onChange={set('quietTo')}
              type="time"
            />
            <TextInput
              label={t('watchSettings.standbyWatts')}
              description={t('watchSettings.standbyWattsHint')}
              value={form.standbyWatts}
              onChange={set('standbyWatts')}
              inputMode="decimal"
            />
            <TextInput
              label={t('watchSettings.standbyHours')}
              value={form.standbyHours}
              onChange={set('standbyHours')}
              inputMode="decimal"
            />
            <TextInput
              label={t('watchSettings.awayUntil')}
              description={t('watchSettings.awayUntilHint')}
              value={form.awayUntil}
              onChange={set('awayUntil')}
              type="datetime-local"
            />
            <TextInput
              label={t('watchSettings.watcherConfirmMinutes')}
              description={t('watchSettings.watcherConfirmMinutesHint')}
              value={form.watcherConfirmMinutes}
              onChange={set('watcherConfirmMinutes')}
              inputMode="numeric"
            />
            <TextInput
              label={t('watchSettings.hubEscalateMinutes')}
              description={t('watchSettings.hubEscalateMinutesHint')}
              value={form.hubEscalateMinutes}
              onChange={set('hubEscalateMinutes')}
              inputMode="numeric"
            />
          </div>
          <ErrorAlert error={save.error} />
          {saved && <SuccessNote>{t('watchSettings.saved')}</SuccessNote>}
          {writable && (
            <Button type="submit" isDisabled={save.pending}>
              {t('watchSettings.save')}
            </Button>
          )}
        </form>
      )}
    </Section>
  );
}

import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { Button, CheckboxField, SelectField, TextInput } from '../../app/ui/fields';
import { ErrorAlert, Section } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import '../alerts/alerts.css';
import {
  addCheckinPlan,
  CHECKIN_CHANNELS,
  type CheckinChannel,
  type CheckinPlan,
  FREQUENCIES,
  type Frequency,
  type NewCheckinPlan,
  updateCheckinPlan,
  useCheckinPlans,
  useRecentCheckins,
} from './api';

interface Draft {
  frequency: Frequency;
  weekday: string;
  local_time: string;
  channel: CheckinChannel;
  address: string;
  missed_threshold: string;
  active: boolean;
}
const EMPTY: Draft = {
  frequency: 'daily',
  weekday: '1',
  local_time: '09:00',
  channel: 'email',
  address: '',
  missed_threshold: '2',
  active: true,
};
const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];

/** 定期安否確認: "お元気ですか？" plans (daily or weekly, at a chosen time) and the recent answers. */
export function CheckinPlansSection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const plans = useCheckinPlans(personId);
  const recent = useRecentCheckins(personId, 14);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const writable = can('checkin:write');
  const save = useMutation(async () => {
    const body: NewCheckinPlan = {
      frequency: draft.frequency,
      weekday: draft.frequency === 'weekly' ? Number(draft.weekday) : null,
      local_time: draft.local_time,
      channel: draft.channel,
      address: draft.address.trim() || null,
      missed_threshold: Number(draft.missed_threshold) || 2,
      active: draft.active,
    };
    if (editing) await updateCheckinPlan(editing, body);
    else await addCheckinPlan(personId, body);
    setEditing(null);
    setDraft(EMPTY);
    plans.reload();
  });
  const set = (k: keyof Draft) => (v: string | boolean) => setDraft((d) => ({ ...d, [k]: v }));
  const schedule = (p: CheckinPlan) =>
    p.frequency === 'weekly' && p.weekday !== null
      ? t('checkins.weeklyAt', { day: t(`checkins.weekday.${p.weekday}`), time: p.local_time })
      : t('checkins.dailyAt', { time: p.local_time });
  function submit(e: FormEvent) {
    e.preventDefault();
    void save.run();
  }
  const items = plans.data?.items ?? [];
  const answers = recent.data?.items ?? [];
  return (
    <Section title={t('checkins.title')}>
      <p className="muted">{t('checkins.hint')}</p>
      <ErrorAlert error={plans.error} />
      {plans.data && items.length === 0 && <p className="muted">{t('checkins.none')}</p>}
      <ul className="item-list">
        {items.map((p) => (
          <li key={p.id}>
            <div className="item-list__main">
              <strong>{schedule(p)}</strong>
              <span>
                {t(`checkins.channel.${p.channel}`)}
                {p.address ? (
                  <>
                    {' '}
                    · <span className="mono">{p.address}</span>
                  </>
                ) : null}
              </span>
              <span className="muted">
                {p.active ? t('checkins.active') : t('checkins.inactive')} · {t('checkins.thresholdValue', { n: p.missed_threshold })}
                {p.consecutive_missed > 0 && (
                  <>
                    {' '}
                    · <span aria-hidden="true">⚠</span> {t('checkins.missedInRow', { n: p.consecutive_missed })}
                  </>
                )}
              </span>
              {p.next_due_at && <span className="muted">{t('checkins.nextDue', { at: formatDateTime(p.next_due_at) })}</span>}
              {p.active && p.delivery_problem && (
                <span className="watcher-warning">
                  <span aria-hidden="true">⚠ </span>
                  {t('signals.checkins.undeliverable', {
                    problem: t(`signals.checkins.problem.${p.delivery_problem}`, { defaultValue: p.delivery_problem }),
                  })}
                </span>
              )}
            </div>
            {writable && (
              <Button
                variant="secondary"
                aria-label={t('checkins.editLabel', { what: schedule(p) })}
                onPress={() => {
                  setEditing(p.id);
                  setDraft({
                    frequency: p.frequency as Frequency,
                    weekday: String(p.weekday ?? 1),
                    local_time: p.local_time,
                    channel: p.channel as CheckinChannel,
                    address: p.address ?? '',
                    missed_threshold: String(p.missed_threshold),
                    active: p.active,
                  });
                }}
              >
                {t('checkins.edit')}
              </Button>
            )}
          </li>
        ))}
      </ul>
      <h3 className="subhead">{t('checkins.recent')}</h3>
      {recent.data && answers.length === 0 ? (
        <p className="muted">{t('checkins.noRecent')}</p>
      ) : (
        <ul className="item-list">
          {answers.map((c) => {
            // A check-in that never reached the person is not their silence: say it was not delivered.
            const state = c.answer ?? (c.status === 'undelivered' ? 'undelivered' : c.missed_at ? 'missed' : 'pending');
            return (
              <li key={c.id}>
                <span>{formatDateTime(c.due_at)}</span>
                <span
                  className={
                    state === 'missed' || state === 'talk' ? 'battery--low' : state === 'undelivered' ? 'watcher-warning' : undefined
                  }
                >
                  {state === 'missed' || state === 'talk' || state === 'undelivered' ? (
                    <span aria-hidden="true">⚠ </span>
                  ) : state === 'fine' ? (
                    <span aria-hidden="true">✓ </span>
                  ) : null}
                  {state === 'undelivered' ? t('signals.checkins.undelivered') : t(`checkins.answer.${state}`)}
                  {c.answered_at && ` (${formatDateTime(c.answered_at)})`}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {writable && (
        <form className="form" onSubmit={submit} aria-labelledby="checkin-form-h">
          <h3 id="checkin-form-h" className="subhead">
            {editing ? t('checkins.editTitle') : t('checkins.add')}
          </h3>
          <div className="grid-fields">
            <SelectField
              label={t('checkins.frequency')}
              value={draft.frequency}
              onChange={set('frequency')}
              options={FREQUENCIES.map((f) => ({ id: f, label: t(`checkins.${f}`) }))}
              isRequired
            />
            {draft.frequency === 'weekly' && (
              <SelectField
                label={t('checkins.weekdayLabel')}
                value={draft.weekday}
                onChange={set('weekday')}
                options={WEEKDAYS.map((d) => ({ id: String(d), label: t(`checkins.weekday.${d}`) }))}
                isRequired
              />
            )}
            <TextInput label={t('checkins.time')} value={draft.local_time} onChange={set('local_time')} type="time" isRequired />
            <SelectField
              label={t('checkins.channelLabel')}
              value={draft.channel}
              onChange={set('channel')}
              options={CHECKIN_CHANNELS.map((c) => ({ id: c, label: t(`checkins.channel.${c}`) }))}
              isRequired
            />
            <TextInput
              label={t('checkins.address')}
              description={t('checkins.addressHint')}
              value={draft.address}
              onChange={set('address')}
              maxLength={200}
            />
            <TextInput
              label={t('checkins.threshold')}
              description={t('checkins.thresholdHint')}
              value={draft.missed_threshold}
              onChange={set('missed_threshold')}
              inputMode="numeric"
              maxLength={2}
            />
          </div>
          <CheckboxField isSelected={draft.active} onChange={set('active')}>
            {t('checkins.activeLabel')}
          </CheckboxField>
          <ErrorAlert error={save.error} />
          <div className="button-row">
            <Button type="submit" isDisabled={save.pending || !draft.local_time}>
              {editing ? t('checkins.save') : t('checkins.addSubmit')}
            </Button>
            {editing && (
              <Button
                variant="secondary"
                onPress={() => {
                  setEditing(null);
                  setDraft(EMPTY);
                }}
              >
                {t('common.cancel')}
              </Button>
            )}
          </div>
        </form>
      )}
    </Section>
  );
}

import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Button, CheckboxField, SelectField, TextInput } from '../../app/ui/fields';
import { ErrorAlert, Section } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { addWatcher, type NewWatcher, removeWatcher, updateWatcher, useWatchers, WATCHER_CHANNELS, type WatcherChannel } from './api';
import './alerts.css';

interface Draft {
  name: string;
  relation: string;
  person_label: string;
  channel: WatcherChannel;
  address: string;
  priority: string;
  active: boolean;
}
const EMPTY: Draft = { name: '', relation: '', person_label: '', channel: 'email', address: '', priority: '1', active: true };

/** 見守り連絡先: family or neighbours notified first when an alert is raised (lowest priority number first). */
export function WatchersSection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const list = useWatchers(personId);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [saved, setSaved] = useState<{ text: string; warn: boolean } | null>(null);
  const writable = can('watcher:write');
  const save = useMutation(async () => {
    const body: NewWatcher = {
      name: draft.name.trim(),
      relation: draft.relation.trim() || null,
      person_label: draft.person_label.trim() || null,
      channel: draft.channel,
      address: draft.address.trim(),
      priority: Number(draft.priority) || 1,
      active: draft.active,
    };
    const w = editing ? await updateWatcher(editing, body) : await addWatcher(personId, body);
    // Say at once when this watcher cannot be reached by the chosen channel (LINE/SMS/SMTP off).
    setSaved(
      w.delivery_problem
        ? { text: t('signals.watchers.addedWarning', { problem: t(`signals.ladder.problem.${w.delivery_problem}`) }), warn: true }
        : { text: t('signals.watchers.added'), warn: false },
    );
    setEditing(null);
    setDraft(EMPTY);
    list.reload();
  });
  const remove = useMutation(async (id: string) => {
    await removeWatcher(id);
    list.reload();
  });
  const set = (k: keyof Draft) => (v: string | boolean) => setDraft((d) => ({ ...d, [k]: v }));
  function submit(e: FormEvent) {
    e.preventDefault();
    void save.run();
  }
  const items = [...(list.data?.items ?? [])].sort((a, b) => a.priority - b.priority);
  return (
    <Section title={t('watchers.title')} id="watchers">
      <p className="muted">{t('watchers.hint')}</p>
      <ErrorAlert error={list.error ?? remove.error} />
      {list.data && items.length === 0 && <p className="muted">{t('watchers.none')}</p>}
      <ul className="item-list">
        {items.map((w) => (
          <li key={w.id}>
            <div className="item-list__main">
              <strong>
                {w.name}
                {w.relation ? `（${w.relation}）` : ''}
              </strong>
              <span>
                {t(`watchers.channel.${w.channel}`)}: <span className="mono">{w.address}</span>
              </span>
              <span className="muted">
                {t('watchers.priorityValue', { n: w.priority })}
                {w.person_label ? ` · ${t('signals.watchers.labelValue', { label: w.person_label })}` : ''}
                {w.active ? '' : ` · ${t('watchers.inactive')}`}
              </span>
              {w.delivery_problem && (
                <span className="watcher-warning">
                  <span aria-hidden="true">⚠ </span>
                  {t('signals.watchers.warning', { problem: t(`signals.ladder.problem.${w.delivery_problem}`) })}
                </span>
              )}
            </div>
            {writable && (
              <div className="button-row button-row--compact">
                <Button
                  variant="secondary"
                  onPress={() => {
                    setEditing(w.id);
                    setDraft({
                      name: w.name,
                      relation: w.relation ?? '',
                      person_label: w.person_label ?? '',
                      channel: w.channel as WatcherChannel,
                      address: w.address,
                      priority: String(w.priority),
                      active: w.active,
                    });
                  }}
                  aria-label={t('watchers.editLabel', { name: w.name })}
                >
                  {t('watchers.edit')}
                </Button>
                <Button
                  variant="danger"
                  isDisabled={remove.pending}
                  onPress={() => void remove.run(w.id)}
                  aria-label={t('watchers.removeLabel', { name: w.name })}
                >
                  {t('watchers.remove')}
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {writable && (
        <form className="form" onSubmit={submit} aria-labelledby="watcher-form-h">
          <h3 id="watcher-form-h" className="subhead">
            {editing ? t('watchers.editTitle') : t('watchers.add')}
          </h3>
          <div className="grid-fields">
            <TextInput label={t('watchers.name')} value={draft.name} onChange={set('name')} isRequired maxLength={100} />
            <TextInput
              label={t('watchers.relation')}
              description={t('watchers.relationHint')}
              value={draft.relation}
              onChange={set('relation')}
              maxLength={50}
            />
            <TextInput
              label={t('signals.watchers.personLabel')}
              description={t('signals.watchers.personLabelHint')}
              value={draft.person_label}
              onChange={set('person_label')}
              maxLength={20}
            />
            <SelectField
              label={t('watchers.channelLabel')}
              value={draft.channel}
              onChange={set('channel')}
              options={WATCHER_CHANNELS.map((c) => ({ id: c, label: t(`watchers.channel.${c}`) }))}
              isRequired
            />
            <TextInput
              label={t('watchers.address')}
              description={t('watchers.addressHint')}
              value={draft.address}
              onChange={set('address')}
              isRequired
              maxLength={200}
              type={draft.channel === 'email' ? 'email' : 'text'}
            />
            <TextInput
              label={t('watchers.priority')}
              description={t('watchers.priorityHint')}
              value={draft.priority}
              onChange={set('priority')}
              inputMode="numeric"
              maxLength={2}
            />
          </div>
          <CheckboxField isSelected={draft.active} onChange={set('active')}>
            {t('watchers.active')}
          </CheckboxField>
          <ErrorAlert error={save.error} />
          <p role="status" className={saved?.warn ? 'watcher-warning' : 'muted'}>
            {saved?.warn && <span aria-hidden="true">⚠ </span>}
            {saved?.text}
          </p>
          <div className="button-row">
            <Button type="submit" isDisabled={save.pending || !draft.name.trim() || !draft.address.trim()}>
              {editing ? t('watchers.save') : t('watchers.addSubmit')}
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

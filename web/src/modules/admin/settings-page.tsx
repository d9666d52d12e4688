import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, TextInput } from '../../app/ui/fields';
import { ErrorAlert, Loading, PageHeading, Section, SuccessNote, TableWrap } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import './admin.css';
import { type Category, type Settings, saveSettings, useTenantSettings } from './api';

const URGENCIES = ['emergency', 'high', 'normal', 'low'] as const;
type Targets = Record<(typeof URGENCIES)[number], string>;

/** First-contact targets per urgency, in hours; the server keeps more urgent ≤ less urgent. */
function TargetsForm({ s, onSaved }: { s: Settings; onSaved: (s: Settings) => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState<Targets>(() => Object.fromEntries(URGENCIES.map((u) => [u, String(s.urgency_targets_hours[u])])) as Targets);
  const [saved, setSaved] = useState(false);
  const save = useMutation(saveSettings);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const hours = Object.fromEntries(URGENCIES.map((u) => [u, Number(v[u])]));
    const r = await save.run({ urgency_targets_hours: hours });
    if (r) {
      setSaved(true);
      onSaved(r);
    }
  }
  return (
    <form className="stack" onSubmit={submit} aria-label={t('paper.settings.targets')}>
      <p className="muted">{t('paper.settings.targetsHint')}</p>
      <div className="filters">
        {URGENCIES.map((u) => (
          <TextInput
            key={u}
            label={t('paper.settings.targetFor', { urgency: t(`urgency.${u}`) })}
            type="number"
            inputMode="decimal"
            value={v[u]}
            onChange={(x) => setV((cur) => ({ ...cur, [u]: x }))}
            isRequired
          />
        ))}
      </div>
      <ErrorAlert error={save.error} />
      {saved && <SuccessNote>{t('paper.settings.saved')}</SuccessNote>}
      <div>
        <Button type="submit" isDisabled={save.pending}>
          {t('paper.settings.saveTargets')}
        </Button>
      </div>
    </form>
  );
}

/** Concern categories: labels (ja, en) and queue priority; new ones can be added, ones in use cannot be removed. */
function CategoriesForm({ s, onSaved }: { s: Settings; onSaved: (s: Settings) => void }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Category[]>(s.categories);
  const [code, setCode] = useState('');
  const [ja, setJa] = useState('');
  const [saved, setSaved] = useState(false);
  const save = useMutation(saveSettings);
  const set = (i: number, patch: Partial<Category>) => setRows((r) => r.map((c, j) => (i === j ? { ...c, ...patch } : c)));
  async function store(next: Category[]) {
    setSaved(false);
    const r = await save.run({ categories: next.map((c) => ({ ...c, priority: Number(c.priority) })) });
    if (r) {
      setRows(r.categories);
      setSaved(true);
      onSaved(r);
    }
    return r;
  }
  return (
    <div className="stack">
      <TableWrap label={t('paper.settings.categories')}>
        <table className="table">
          <caption className="visually-hidden">{t('paper.settings.categories')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('paper.settings.code')}</th>
              <th scope="col">{t('paper.settings.labelJa')}</th>
              <th scope="col">{t('paper.settings.labelEn')}</th>
              <th scope="col">{t('paper.settings.priority')}</th>
              <th scope="col">{t('paper.accounts.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c, i) => (
              <tr key={c.code}>
                <th scope="row" className="mono">
                  {c.code}
                </th>
                <td>
                  <TextInput
                    label={t('paper.settings.labelJaOf', { code: c.code })}
                    className="field--bare"
                    value={c.labels.ja ?? ''}
                    onChange={(x) => set(i, { labels: { ...c.labels, ja: x } })}
                  />
                </td>
                <td>
                  <TextInput
                    label={t('paper.settings.labelEnOf', { code: c.code })}
                    className="field--bare"
                    value={c.labels.en ?? ''}
                    onChange={(x) => set(i, { labels: { ...c.labels, en: x } })}
                  />
                </td>
                <td>
                  <TextInput
                    label={t('paper.settings.priorityOf', { code: c.code })}
                    className="field--bare"
                    type="number"
                    inputMode="numeric"
                    value={String(c.priority)}
                    onChange={(x) => set(i, { priority: x === '' ? ('' as never) : Number(x) })}
                  />
                </td>
                <td>
                  <Button
                    variant="ghost"
                    aria-label={t('paper.settings.removeOf', { label: c.labels.ja ?? c.code })}
                    onPress={() => void store(rows.filter((_, j) => j !== i))}
                  >
                    {t('paper.settings.remove')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <p className="muted">{t('paper.settings.categoriesHint')}</p>
      <ErrorAlert error={save.error} />
      {saved && <SuccessNote>{t('paper.settings.saved')}</SuccessNote>}
      <div>
        <Button onPress={() => void store(rows)} isDisabled={save.pending}>
          {t('paper.settings.saveCategories')}
        </Button>
      </div>
      <form
        className="filters card"
        aria-label={t('paper.settings.addCategory')}
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await store([...rows, { code, priority: 3, labels: { ja } }]);
          if (r) {
            setCode('');
            setJa('');
          }
        }}
      >
        <TextInput label={t('paper.settings.code')} description={t('paper.settings.codeHint')} value={code} onChange={setCode} isRequired />
        <TextInput label={t('paper.settings.labelJa')} value={ja} onChange={setJa} isRequired />
        <Button type="submit" variant="secondary" isDisabled={save.pending}>
          {t('paper.settings.addCategory')}
        </Button>
      </form>
    </div>
  );
}

/** The municipality's settings (admin): first-contact targets and the concern categories; every change is audited. */
export function SettingsPage() {
  const { t } = useTranslation();
  const res = useTenantSettings();
  const [s, setS] = useState<Settings | null>(null);
  useEffect(() => {
    if (res.data) setS(res.data);
  }, [res.data]);
  return (
    <>
      <PageHeading title={t('paper.settings.title')} />
      <p className="lead">{t('paper.settings.lead')}</p>
      <ErrorAlert error={res.error} />
      <Loading show={res.loading && !s} />
      {s && (
        <>
          <Section title={t('paper.settings.targets')}>
            <TargetsForm s={s} onSaved={setS} />
          </Section>
          <Section title={t('paper.settings.categories')}>
            <CategoriesForm s={s} onSaved={setS} />
          </Section>
        </>
      )}
    </>
  );
}

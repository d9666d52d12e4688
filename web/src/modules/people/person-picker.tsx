import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../app/api-error';
import { Button, RadioField, TextInput } from '../../app/ui/fields';
import { ErrorAlert } from '../../app/ui/page';
import { type PersonSummary, searchPeople } from './api';

/** One line that tells two people apart without opening their record. */
export function personLine(p: PersonSummary, t: TFunction): string {
  const bits = [
    p.name ?? t('person.unnamed'),
    p.kana ? `（${p.kana}）` : '',
    p.birth_year ? t('person.bornIn', { year: p.birth_year }) : '',
    p.address ?? '',
  ];
  return bits.filter(Boolean).join(' ');
}

/** Search people by name, kana or address and pick one (GET /people?q=). */
export function PersonPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<PersonSummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function search(e?: FormEvent) {
    e?.preventDefault();
    setError(null);
    try {
      const res = await searchPeople(q, 20);
      setResults(res.items);
    } catch (err) {
      setError(err as ApiError);
    }
  }

  return (
    <div className="picker">
      <div className="inline-form" role="search">
        <TextInput label={t('people.searchLabel')} description={t('people.searchHint')} value={q} onChange={setQ} />
        <Button variant="secondary" onPress={() => void search()} isDisabled={!q.trim()}>
          {t('common.search')}
        </Button>
      </div>
      <ErrorAlert error={error} />
      {results && results.length === 0 && (
        <p className="empty" role="status">
          {t('people.noResults')}
        </p>
      )}
      {results && results.length > 0 && (
        <RadioField
          label={t('people.pick')}
          value={value}
          onChange={onChange}
          options={results.map((p) => ({ id: p.id, label: personLine(p, t) }))}
        />
      )}
    </div>
  );
}

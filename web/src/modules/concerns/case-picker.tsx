import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../app/api-error';
import { Button, RadioField, TextInput } from '../../app/ui/fields';
import { ErrorAlert } from '../../app/ui/page';
import { type Case, listCases } from '../cases/api';
import type { Concern } from './api';

/** Merge target: an open case of a possible duplicate, or one found by its case number. */
export function CasePicker({ concern, value, onChange }: { concern: Concern; value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [found, setFound] = useState<Case[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [searched, setSearched] = useState(false);

  const fromDuplicates = new Map<string, string>();
  for (const d of concern.duplicates) {
    if (d.case_id) fromDuplicates.set(d.case_id, d.case_number ? t('cases.number', { n: d.case_number }) : d.place_text);
  }
  const options = [
    ...[...fromDuplicates].map(([id, label]) => ({ id, label: `${label}（${t('triage.fromDuplicate')}）` })),
    ...found
      .filter((c) => !fromDuplicates.has(c.id))
      .map((c) => ({ id: c.id, label: `${t('cases.number', { n: c.case_number })} ${c.person_name ?? ''}` })),
  ];

  async function lookup() {
    setError(null);
    try {
      const res = await listCases({ q: number.trim(), limit: 10 });
      const open = res.items.filter((c) => c.status !== 'closed');
      setFound(open);
      setSearched(true);
      const exact = open.find((c) => String(c.case_number) === number.trim());
      if (exact) onChange(exact.id);
    } catch (err) {
      setError(err as ApiError);
    }
  }

  return (
    <div className="picker">
      <div className="inline-form">
        <TextInput label={t('triage.caseNumber')} value={number} onChange={setNumber} inputMode="numeric" />
        <Button variant="secondary" onPress={() => void lookup()} isDisabled={!number.trim()}>
          {t('common.search')}
        </Button>
      </div>
      <ErrorAlert error={error} />
      {searched && found.length === 0 && (
        <p role="status" className="empty">
          {t('triage.noOpenCase')}
        </p>
      )}
      {options.length > 0 && <RadioField label={t('triage.pickCase')} value={value} onChange={onChange} options={options} />}
    </div>
  );
}

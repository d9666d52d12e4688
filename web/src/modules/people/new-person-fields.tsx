import { useTranslation } from 'react-i18next';
import { CheckboxField, TextInput } from '../../app/ui/fields';
import type { NewPersonBody } from '../concerns/api';

export interface NewPerson {
  name: string;
  kana: string;
  address: string;
  birth_year: string;
  phone: string;
  living_alone: boolean | null;
}
export const emptyNewPerson: NewPerson = { name: '', kana: '', address: '', birth_year: '', phone: '', living_alone: null };

/** Only what was filled in: every field of a new person is optional. */
export function newPersonBody(p: NewPerson): NewPersonBody {
  const body: NewPersonBody = {};
  if (p.name.trim()) body.name = p.name.trim();
  if (p.kana.trim()) body.kana = p.kana.trim();
  if (p.address.trim()) body.address = p.address.trim();
  if (/^\d{4}$/.test(p.birth_year.trim())) body.birth_year = Number(p.birth_year.trim());
  if (p.phone.trim()) body.phone = p.phone.trim();
  if (p.living_alone !== null) body.living_alone = p.living_alone;
  return body;
}

export function NewPersonFields({ value, onChange }: { value: NewPerson; onChange: (p: NewPerson) => void }) {
  const { t } = useTranslation();
  const set =
    <K extends keyof NewPerson>(k: K) =>
    (v: NewPerson[K]) =>
      onChange({ ...value, [k]: v });
  return (
    <fieldset className="fieldset">
      <legend>{t('person.newTitle')}</legend>
      <p className="muted">{t('person.allOptional')}</p>
      <div className="grid-2">
        <TextInput label={t('person.name')} value={value.name} onChange={set('name')} autoComplete="off" />
        <TextInput label={t('person.kana')} value={value.kana} onChange={set('kana')} autoComplete="off" />
      </div>
      <div className="grid-2">
        <TextInput label={t('person.address')} value={value.address} onChange={set('address')} autoComplete="off" />
        <TextInput label={t('person.phone')} type="tel" value={value.phone} onChange={set('phone')} autoComplete="off" inputMode="tel" />
      </div>
      <div className="grid-2">
        <TextInput
          label={t('person.birthYear')}
          description={t('person.birthYearHint')}
          value={value.birth_year}
          onChange={set('birth_year')}
          inputMode="numeric"
          maxLength={4}
        />
        <CheckboxField isSelected={value.living_alone === true} onChange={(v) => set('living_alone')(v ? true : null)}>
          {t('person.livingAlone')}
        </CheckboxField>
      </div>
    </fieldset>
  );
}

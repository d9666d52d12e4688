import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, SelectField, TextInput } from '../../app/ui/fields';
import {
  type NewPartner,
  PARTNER_KINDS,
  PARTNER_STATUSES,
  type Partner,
  type PartnerKind,
  type PartnerStatus,
  type PartnerUpdate,
} from './api';

/** A new partner's fields; an edit may also change the status. */
export type PartnerFields = NewPartner & Pick<PartnerUpdate, 'status'>;

/** Create or edit a partner's details. Empty optional fields are sent as null. */
export function PartnerForm({
  initial,
  submitLabel,
  pending,
  onSubmit,
}: {
  initial?: Partner;
  submitLabel: string;
  pending: boolean;
  onSubmit: (f: PartnerFields) => void;
}) {
  const { t } = useTranslation();
  const [f, setF] = useState({
    name: initial?.name ?? '',
    kind: initial?.kind ?? 'newspaper',
    status: initial?.status ?? 'active',
    contact_name: initial?.contact_name ?? '',
    contact_phone: initial?.contact_phone ?? '',
    contact_email: initial?.contact_email ?? '',
    address: initial?.address ?? '',
    note: initial?.note ?? '',
  });
  const set = (k: keyof typeof f) => (v: string) => setF((s) => ({ ...s, [k]: v }));
  const orNull = (v: string) => (v.trim() ? v.trim() : null);
  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit({
      name: f.name.trim(),
      kind: f.kind as PartnerKind,
      contact_name: orNull(f.contact_name),
      contact_phone: orNull(f.contact_phone),
      contact_email: orNull(f.contact_email),
      address: orNull(f.address),
      note: orNull(f.note),
      ...(initial ? { status: f.status as PartnerStatus } : {}),
    });
  }
  return (
    <form className="form" onSubmit={submit}>
      <TextInput label={t('partners.name')} value={f.name} onChange={set('name')} isRequired maxLength={200} />
      <SelectField
        label={t('partners.kind')}
        value={f.kind}
        onChange={set('kind')}
        isRequired
        options={PARTNER_KINDS.map((k) => ({ id: k, label: t(`partners.kinds.${k}`) }))}
      />
      {initial && (
        <SelectField
          label={t('partners.status')}
          value={f.status}
          onChange={set('status')}
          description={t('partners.statusHint')}
          options={PARTNER_STATUSES.map((k) => ({ id: k, label: t(`partners.statuses.${k}`) }))}
        />
      )}
      <TextInput label={t('partners.contactName')} value={f.contact_name} onChange={set('contact_name')} maxLength={100} />
      <TextInput
        label={t('partners.contactPhone')}
        value={f.contact_phone}
        onChange={set('contact_phone')}
        type="tel"
        inputMode="tel"
        maxLength={30}
      />
      <TextInput
        label={t('partners.contactEmail')}
        value={f.contact_email}
        onChange={set('contact_email')}
        type="email"
        inputMode="email"
        maxLength={200}
      />
      <TextInput label={t('partners.address')} value={f.address} onChange={set('address')} maxLength={300} />
      <TextInput label={t('partners.note')} value={f.note} onChange={set('note')} multiline maxLength={2000} />
      <Button type="submit" isDisabled={pending || !f.name.trim()}>
        {submitLabel}
      </Button>
    </form>
  );
}

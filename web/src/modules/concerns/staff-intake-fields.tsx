import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { CheckboxField, SelectField, TextInput } from '../../app/ui/fields';
import { Section } from '../../app/ui/page';
import { PersonPicker } from '../people/person-picker';
import { CHANNELS, type Channel, type NewConcern, REPORTER_KINDS, type ReporterKind } from './api';

export interface Intake {
  channel: Channel;
  reporter_kind: ReporterKind;
  anonymous: boolean;
  callback_contact: string;
  /** Whom the call is about, when the person is already on file (counts as where to go). */
  knows_person: boolean;
  person_id: string;
}
export const emptyIntake: Intake = {
  channel: 'phone',
  reporter_kind: 'resident',
  anonymous: false,
  callback_contact: '',
  knows_person: false,
  person_id: '',
};

export function intakeBody(i: Intake): Pick<NewConcern, 'channel' | 'reporter_kind' | 'anonymous' | 'callback_contact' | 'person_id'> {
  const body: ReturnType<typeof intakeBody> = { channel: i.channel, reporter_kind: i.reporter_kind, anonymous: i.anonymous };
  if (!i.anonymous && i.callback_contact.trim()) body.callback_contact = i.callback_contact.trim();
  if (i.knows_person && i.person_id) body.person_id = i.person_id;
  return body;
}

/** How a report reached the hub, for reports staff type in from the phone or the counter. */
export function StaffIntakeFields({ value, onChange }: { value: Intake; onChange: (v: Intake) => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  return (
    <Section title={t('newConcern.intake')}>
      <div className="grid-2">
        <SelectField
          label={t('concern.channel')}
          value={value.channel}
          onChange={(v) => onChange({ ...value, channel: v as Channel })}
          options={CHANNELS.map((c) => ({ id: c, label: t(`channel.${c}`) }))}
        />
        <SelectField
          label={t('concern.reporterKind')}
          value={value.reporter_kind}
          onChange={(v) => onChange({ ...value, reporter_kind: v as ReporterKind })}
          options={REPORTER_KINDS.map((c) => ({ id: c, label: t(`reporterKind.${c}`) }))}
        />
      </div>
      <CheckboxField
        isSelected={value.anonymous}
        onChange={(v) => onChange({ ...value, anonymous: v })}
        description={t('newConcern.anonymousHint')}
      >
        {t('concern.anonymous')}
      </CheckboxField>
      {!value.anonymous && (
        <TextInput
          label={t('concern.callback')}
          type="tel"
          inputMode="tel"
          value={value.callback_contact}
          onChange={(v) => onChange({ ...value, callback_contact: v })}
        />
      )}
      {can('person:read') && (
        <>
          <CheckboxField
            isSelected={value.knows_person}
            onChange={(v) => onChange({ ...value, knows_person: v })}
            description={t('maps.personHintHelp')}
          >
            {t('maps.personHint')}
          </CheckboxField>
          {value.knows_person && <PersonPicker value={value.person_id} onChange={(id) => onChange({ ...value, person_id: id })} />}
        </>
      )}
    </Section>
  );
}

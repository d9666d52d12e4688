import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { Button, RadioField, TextInput } from '../../app/ui/fields';
import { ErrorAlert, Section } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { URGENCIES, type Urgency } from '../cases/api';
import { AssigneeField } from '../cases/assignee-field';
import { emptyNewPerson, NewPersonFields, newPersonBody } from '../people/new-person-fields';
import { PersonPicker } from '../people/person-picker';
import { type Concern, type Triage, triageConcern } from './api';
import { CasePicker } from './case-picker';
import { useUrgencyTargets } from './categories';

type Target = 'none' | 'person' | 'new_person' | 'case';

/** Decide urgency and who this is about; POST /concerns/{id}/triage opens or joins a case. */
export function TriageForm({ concern }: { concern: Concern }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const targets = useUrgencyTargets();
  const [urgency, setUrgency] = useState<Urgency | ''>('');
  const [target, setTarget] = useState<Target>('none');
  const [personId, setPersonId] = useState('');
  const [caseId, setCaseId] = useState('');
  const [person, setPerson] = useState(emptyNewPerson);
  const [note, setNote] = useState('');
  const [assignee, setAssignee] = useState('');
  const m = useMutation((body: Triage) => triageConcern(concern.id, body));

  function targetHint(u: Urgency): string {
    const h = targets[u];
    return h >= 48 && h % 24 === 0 ? t('triage.targetDays', { n: h / 24 }) : t('triage.targetHours', { n: h });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!urgency) return;
    const body: Triage = { urgency };
    if (note.trim()) body.note = note.trim();
    if (assignee) body.assignee_id = assignee;
    if (target === 'person' && personId) body.person_id = personId;
    if (target === 'case' && caseId) body.case_id = caseId;
    if (target === 'new_person') body.new_person = newPersonBody(person);
    const c = await m.run(body);
    if (c) navigate(`/cases/${c.id}`);
  }

  const ready = !!urgency && (target !== 'person' || !!personId) && (target !== 'case' || !!caseId);
  return (
    <Section title={t('triage.formTitle')}>
      <form className="form" onSubmit={submit}>
        <RadioField
          label={t('triage.urgency')}
          value={urgency}
          onChange={(v) => setUrgency(v as Urgency)}
          isRequired
          options={URGENCIES.map((u) => ({ id: u, label: t(`urgency.${u}`), hint: `${t(`urgencyHint.${u}`)}（${targetHint(u)}）` }))}
        />
        {urgency === 'emergency' && (
          <p className="alert alert--warn" role="note">
            <span aria-hidden="true" className="alert__icon">
              !
            </span>
            {t('triage.emergencyNote')}
          </p>
        )}
        <RadioField
          label={t('triage.target')}
          value={target}
          onChange={(v) => setTarget(v as Target)}
          options={(['none', 'person', 'new_person', 'case'] as Target[]).map((x) => ({ id: x, label: t(`triage.targets.${x}`) }))}
        />
        {target === 'person' && <PersonPicker value={personId} onChange={setPersonId} />}
        {target === 'new_person' && <NewPersonFields value={person} onChange={setPerson} />}
        {target === 'case' && <CasePicker concern={concern} value={caseId} onChange={setCaseId} />}
        <AssigneeField value={assignee} onChange={setAssignee} />
        <TextInput label={t('triage.note')} value={note} onChange={setNote} multiline />
        <ErrorAlert error={m.error} />
        <Button type="submit" isDisabled={!ready || m.pending}>
          {t('triage.submit')}
        </Button>
      </form>
    </Section>
  );
}

import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Button, SelectField, TextInput } from '../../app/ui/fields';
import { ErrorAlert, Loading, PageHeading, Section, TableWrap } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import './admin.css';
import { type Account, changeAccount, createAccount, type Hub, resetPassword, useAccountList, useHubs } from './api';

/** Roles an admin gives to staff accounts (partners and supporters are made by partner enrollment). */
const STAFF_ROLES = ['hub_staff', 'hub_lead', 'outreach', 'coordinator', 'counselor', 'helper', 'analyst', 'admin', 'partner'] as const;
const HUB_ROLES = new Set(['hub_staff', 'hub_lead', 'outreach']);

/** A one-time password, shown once, to hand over in person or by phone. */
function OneTimePassword({ name, password }: { name: string; password: string }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert--success" role="status">
      <div>
        <p>{t('paper.accounts.otpFor', { name })}</p>
        <p className="mono otp">
          <span className="visually-hidden">{t('paper.accounts.otpLabel')}: </span>
          {password}
        </p>
        <p className="muted">{t('paper.accounts.otpNote')}</p>
      </div>
    </div>
  );
}

/** The role, and the hub for roles that work in one (hub staff, lead, outreach). */
function RoleHubFields(props: { role: string; onRole: (r: string) => void; hub: string; onHub: (h: string) => void; hubs: Hub[] }) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        label={t('paper.accounts.role')}
        value={props.role}
        onChange={props.onRole}
        options={STAFF_ROLES.map((r) => ({ id: r, label: t(`roles.${r}`) }))}
      />
      {HUB_ROLES.has(props.role) && (
        <SelectField
          label={t('paper.accounts.hub')}
          value={props.hub}
          onChange={props.onHub}
          options={props.hubs.map((h) => ({ id: h.id, label: h.name }))}
        />
      )}
    </>
  );
}

function CreateForm({ hubs, onCreated }: { hubs: Hub[]; onCreated: (name: string, otp: string | undefined) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState('hub_staff');
  const [chosenHub, setHub] = useState('');
  // The first hub until one is chosen (the list arrives after the form is drawn).
  const hub = chosenHub || hubs[0]?.id || '';
  const save = useMutation(createAccount);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const created = await save.run({
      email,
      display_name: name,
      role: role as Account['role'] as never,
      hub_id: HUB_ROLES.has(role) && hub ? hub : null,
    });
    if (created) {
      onCreated(created.display_name, created.one_time_password);
      setEmail('');
      setName('');
    }
  }
  return (
    <form className="stack" onSubmit={submit} aria-label={t('paper.accounts.create')}>
      <div className="filters">
        <TextInput label={t('paper.accounts.name')} value={name} onChange={setName} isRequired maxLength={100} />
        <TextInput label={t('paper.accounts.email')} type="email" value={email} onChange={setEmail} isRequired autoComplete="off" />
        <RoleHubFields role={role} onRole={setRole} hub={hub} onHub={setHub} hubs={hubs} />
      </div>
      <p className="muted">{t('paper.accounts.createHint')}</p>
      <ErrorAlert error={save.error} />
      <div>
        <Button type="submit" isDisabled={save.pending}>
          {t('paper.accounts.createButton')}
        </Button>
      </div>
    </form>
  );
}

/** Role and hub of one account, edited in place. */
function EditRow({ a, hubs, onDone }: { a: Account; hubs: Hub[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [role, setRole] = useState(a.role);
  const [chosenHub, setHub] = useState(a.hub_id ?? '');
  const hub = chosenHub || hubs[0]?.id || '';
  const save = useMutation(changeAccount);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await save.run(a.id, { role: role as never, hub_id: HUB_ROLES.has(role) && hub ? hub : null });
    if (ok) onDone();
  }
  return (
    <form className="stack" onSubmit={submit} aria-label={t('paper.accounts.editOf', { name: a.display_name })}>
      <div className="filters">
        <RoleHubFields role={role} onRole={setRole} hub={hub} onHub={setHub} hubs={hubs} />
      </div>
      <ErrorAlert error={save.error} />
      <div className="admin-actions">
        <Button type="submit" isDisabled={save.pending}>
          {t('paper.accounts.save')}
        </Button>
        <Button variant="ghost" onPress={onDone}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** Staff accounts of the municipality: create with role and hub, change them, disable, reset a password. */
export function AccountsPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const res = useAccountList();
  const hubs = useHubs().data?.items ?? [];
  const [shown, setShown] = useState<{ name: string; password: string } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const toggle = useMutation(changeAccount);
  const reset = useMutation(resetPassword);
  const hubName = (id: string | null) => hubs.find((h) => h.id === id)?.name ?? '—';
  const items = res.data?.items ?? [];

  return (
    <>
      <PageHeading title={t('paper.accounts.title')} />
      <p className="lead">{t('paper.accounts.lead')}</p>
      {shown && <OneTimePassword name={shown.name} password={shown.password} />}
      {done && (
        <p role="status" className="alert alert--success">
          {done}
        </p>
      )}
      <ErrorAlert error={toggle.error ?? reset.error} />
      <Section title={t('paper.accounts.create')}>
        <CreateForm
          hubs={hubs}
          onCreated={(name, otp) => {
            setShown(otp ? { name, password: otp } : null);
            setDone(t('paper.accounts.created', { name }));
            res.reload();
          }}
        />
      </Section>
      <ErrorAlert error={res.error} />
      <Loading show={res.loading && !res.data} />
      {items.length > 0 && (
        <TableWrap label={t('paper.accounts.list')}>
          <table className="table">
            <caption className="visually-hidden">{t('paper.accounts.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('paper.accounts.name')}</th>
                <th scope="col">{t('paper.accounts.email')}</th>
                <th scope="col">{t('paper.accounts.role')}</th>
                <th scope="col">{t('paper.accounts.hub')}</th>
                <th scope="col">{t('paper.accounts.state')}</th>
                <th scope="col">{t('paper.accounts.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => {
                const self = a.id === me?.account_id;
                return (
                  <tr key={a.id} className={a.disabled ? 'row--muted' : undefined}>
                    <th scope="row">{a.display_name}</th>
                    <td className="mono">{a.email}</td>
                    <td>
                      {editing === a.id ? (
                        <EditRow
                          a={a}
                          hubs={hubs}
                          onDone={() => {
                            setEditing(null);
                            res.reload();
                          }}
                        />
                      ) : (
                        t(`roles.${a.role}`, { defaultValue: a.role })
                      )}
                    </td>
                    <td>{hubName(a.hub_id)}</td>
                    <td>
                      {a.disabled ? (
                        <span className="badge badge--warn">{t('paper.accounts.disabled')}</span>
                      ) : (
                        <span className="badge">{t('paper.accounts.active')}</span>
                      )}
                      {a.password_change_required && !a.disabled && <span className="muted"> {t('paper.accounts.mustChange')}</span>}
                    </td>
                    <td>
                      <div className="admin-actions">
                        {!self && editing !== a.id && (
                          <Button
                            variant="secondary"
                            onPress={() => setEditing(a.id)}
                            aria-label={t('paper.accounts.editOf', { name: a.display_name })}
                          >
                            {t('paper.accounts.edit')}
                          </Button>
                        )}
                        {!self && (
                          <Button
                            variant="secondary"
                            isDisabled={toggle.pending}
                            aria-label={t(a.disabled ? 'paper.accounts.enableOf' : 'paper.accounts.disableOf', { name: a.display_name })}
                            onPress={async () => {
                              setShown(null);
                              const r = await toggle.run(a.id, { disabled: !a.disabled });
                              if (r) {
                                setDone(
                                  t(r.disabled ? 'paper.accounts.disabledDone' : 'paper.accounts.enabledDone', { name: a.display_name }),
                                );
                                res.reload();
                              }
                            }}
                          >
                            {t(a.disabled ? 'paper.accounts.enable' : 'paper.accounts.disable')}
                          </Button>
                        )}
                        {a.role !== 'supporter' && !a.disabled && !self && (
                          <Button
                            variant="secondary"
                            isDisabled={reset.pending}
                            aria-label={t('paper.accounts.resetOf', { name: a.display_name })}
                            onPress={async () => {
                              const r = await reset.run(a.id);
                              if (r) {
                                setDone(null);
                                setShown({ name: a.display_name, password: r.one_time_password });
                                res.reload();
                              }
                            }}
                          >
                            {t('paper.accounts.reset')}
                          </Button>
                        )}
                        {self && <span className="muted">{t('paper.accounts.you')}</span>}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

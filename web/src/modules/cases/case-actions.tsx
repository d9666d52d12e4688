import { type Key, Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import type { CaseDetail } from './api';
import { AssignForm } from './assign-form';
import { ContactForm } from './contact-form';
import { NoteForm } from './note-form';
import { ReferralForm } from './referral-form';
import { StatusForm } from './status-form';
import { UrgencyForm } from './urgency-form';

/**
 * What staff do on a case, one tab per action; tabs appear only when the role may act. The open
 * tab is in the address (?tab=note), so a login after an expired session returns to it, where the
 * form restores its draft.
 */
export function CaseActions({ c, onChanged, onConsentSaved }: { c: CaseDetail; onChanged: () => void; onConsentSaved?: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const open = c.status !== 'closed';
  const tabs = [
    { id: 'contact', show: open && can('contact:write'), el: <ContactForm caseId={c.id} onDone={onChanged} /> },
    { id: 'note', show: open && can('case:write'), el: <NoteForm caseId={c.id} onDone={onChanged} /> },
    {
      id: 'referral',
      show: open && can('referral:write'),
      el: <ReferralForm c={c} onDone={onChanged} onConsentSaved={onConsentSaved} />,
    },
    { id: 'urgency', show: open && can('case:write'), el: <UrgencyForm c={c} onDone={onChanged} /> },
    { id: 'assign', show: open && can('case:write'), el: <AssignForm c={c} onDone={onChanged} /> },
    { id: 'status', show: can('case:write'), el: <StatusForm c={c} onDone={onChanged} /> },
  ].filter((x) => x.show);
  if (tabs.length === 0) return null;
  const asked = params.get('tab');
  const selected = tabs.some((x) => x.id === asked) ? (asked as string) : tabs[0]!.id;
  const select = (k: Key) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set('tab', String(k));
        return next;
      },
      { replace: true },
    );

  return (
    <section className="card actions" aria-labelledby="case-actions-h">
      <h2 id="case-actions-h" className="card__title">
        {t('actions.title')}
      </h2>
      <Tabs className="tabs" selectedKey={selected} onSelectionChange={select}>
        <TabList aria-label={t('actions.title')} className="tabs__list">
          {tabs.map((x) => (
            <Tab key={x.id} id={x.id} className="tabs__tab">
              {t(`actions.${x.id}`)}
            </Tab>
          ))}
        </TabList>
        {tabs.map((x) => (
          <TabPanel key={x.id} id={x.id} className="tabs__panel">
            {x.el}
          </TabPanel>
        ))}
      </Tabs>
    </section>
  );
}

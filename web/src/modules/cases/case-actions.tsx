import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import type { CaseDetail } from './api';
import { AssignForm } from './assign-form';
import { ContactForm } from './contact-form';
import { NoteForm } from './note-form';
import { ReferralForm } from './referral-form';
import { StatusForm } from './status-form';

/** What staff do on a case, one tab per action; tabs appear only when the role may act. */
export function CaseActions({ c, onChanged }: { c: CaseDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const open = c.status !== 'closed';
  const tabs = [
    { id: 'contact', show: open && can('contact:write'), el: <ContactForm caseId={c.id} onDone={onChanged} /> },
    { id: 'note', show: open && can('case:write'), el: <NoteForm caseId={c.id} onDone={onChanged} /> },
    { id: 'referral', show: open && can('referral:write'), el: <ReferralForm c={c} onDone={onChanged} /> },
    { id: 'assign', show: open && can('case:write'), el: <AssignForm c={c} onDone={onChanged} /> },
    { id: 'status', show: can('case:write'), el: <StatusForm c={c} onDone={onChanged} /> },
  ].filter((x) => x.show);
  if (tabs.length === 0) return null;

  return (
    <section className="card actions" aria-labelledby="case-actions-h">
      <h2 id="case-actions-h" className="card__title">
        {t('actions.title')}
      </h2>
      <Tabs className="tabs">
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

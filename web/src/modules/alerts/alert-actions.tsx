import { useState } from 'react';
import { Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Button, RadioField, TextInput } from '../../app/ui/fields';
import { ErrorAlert } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { ALERT_OUTCOMES, type Alert, type AlertOutcome, acknowledgeAlert, resolveAlert } from './api';

/** Acknowledge ("対応を開始") and resolve-with-outcome for one alert; calls onChanged after a write. */
export function AlertActions({ alert, onChanged, label }: { alert: Alert; onChanged: () => void; label: string }) {
  const { t } = useTranslation();
  const ack = useMutation(async () => {
    await acknowledgeAlert(alert.id);
    onChanged();
  });
  // Only the buttons the caller may use (the server says which: a coordinator handles device faults only).
  if (!alert.actions.acknowledge && !alert.actions.resolve) return null;
  return (
    <div className="button-row">
      {alert.actions.acknowledge && (
        <Button isDisabled={ack.pending} onPress={() => void ack.run()} aria-label={t('alerts.acknowledgeLabel', { what: label })}>
          {t('alerts.acknowledge')}
        </Button>
      )}
      {alert.actions.resolve && <ResolveDialog alert={alert} onChanged={onChanged} label={label} />}
      <ErrorAlert error={ack.error} />
    </div>
  );
}

function ResolveDialog({ alert, onChanged, label }: { alert: Alert; onChanged: () => void; label: string }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<AlertOutcome | ''>('');
  const [note, setNote] = useState('');
  const m = useMutation(async () => {
    if (!outcome) return false;
    await resolveAlert(alert.id, { outcome, ...(note.trim() ? { note: note.trim() } : {}) });
    return true;
  });
  // A device fault is fixed, a false alarm, or could not be reached; welfare outcomes are for welfare alerts.
  const outcomes = ALERT_OUTCOMES.filter((o) =>
    alert.category === 'technical' ? ['technical_fixed', 'false_alarm', 'not_reached'].includes(o) : o !== 'technical_fixed',
  );
  return (
    <DialogTrigger>
      <Button variant="secondary" aria-label={t('alerts.resolveLabel', { what: label })}>
        {t('alerts.resolve')}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <form
                className="form"
                onSubmit={async (e) => {
                  e.preventDefault();
                  if (await m.run()) {
                    close();
                    onChanged();
                  }
                }}
              >
                <Heading slot="title" className="dialog__title">
                  {t('alerts.resolveTitle')}
                </Heading>
                <p className="muted">{label}</p>
                <ErrorAlert error={m.error} />
                <RadioField
                  label={t('alerts.outcomeLabel')}
                  value={outcome}
                  onChange={(v) => setOutcome(v as AlertOutcome)}
                  isRequired
                  tiles
                  options={outcomes.map((o) => ({ id: o, label: t(`alerts.outcome.${o}`), hint: t(`alerts.outcomeHint.${o}`) }))}
                />
                <TextInput label={t('alerts.note')} value={note} onChange={setNote} multiline maxLength={2000} />
                <div className="button-row">
                  <Button variant="secondary" onPress={close}>
                    {t('common.cancel')}
                  </Button>
                  <Button type="submit" isDisabled={m.pending || !outcome}>
                    {t('alerts.resolveSubmit')}
                  </Button>
                </div>
              </form>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

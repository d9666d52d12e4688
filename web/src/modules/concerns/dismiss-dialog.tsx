import { useState } from 'react';
import { Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { Button, TextInput } from '../../app/ui/fields';
import { ErrorAlert } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { dismissConcern } from './api';

/** "Not a welfare matter" or a duplicate without a case: closes the concern with a reason. */
export function DismissDialog({ concernId }: { concernId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const m = useMutation(async (r: string) => {
    await dismissConcern(concernId, r);
    return true;
  });

  return (
    <DialogTrigger>
      <Button variant="secondary">{t('dismiss.open')}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <form
                className="form"
                onSubmit={async (e) => {
                  e.preventDefault();
                  if (await m.run(reason)) {
                    close();
                    navigate('/triage');
                  }
                }}
              >
                <Heading slot="title" className="dialog__title">
                  {t('dismiss.title')}
                </Heading>
                <p className="muted">{t('dismiss.lead')}</p>
                <ErrorAlert error={m.error} />
                <TextInput label={t('dismiss.reason')} value={reason} onChange={setReason} multiline isRequired autoFocus />
                <div className="button-row">
                  <Button variant="secondary" onPress={close}>
                    {t('common.cancel')}
                  </Button>
                  <Button type="submit" variant="danger" isDisabled={m.pending || !reason.trim()}>
                    {t('dismiss.submit')}
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

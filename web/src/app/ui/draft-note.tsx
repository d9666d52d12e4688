import { useTranslation } from 'react-i18next';
import type { Draft } from '../use-draft';
import { Button } from './fields';

/** Says a saved draft was put back into the form (after a session ended), with a way to discard it. */
export function DraftNote({ draft }: { draft: Pick<Draft<object>, 'restored' | 'clear'> }) {
  const { t } = useTranslation();
  if (!draft.restored) return null;
  return (
    <div role="status" className="alert alert--warn draft-note">
      <span>{t('draft.restored')}</span>
      <Button variant="secondary" onPress={draft.clear}>
        {t('draft.discard')}
      </Button>
    </div>
  );
}

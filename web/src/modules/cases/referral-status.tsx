import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Button } from '../../app/ui/fields';
import { ErrorAlert } from '../../app/ui/page';
import { useMutation } from '../../app/use-api';
import { type ReferralStatus, setReferralStatus } from './api';

const NEXT: Record<string, ReferralStatus[]> = { sent: ['accepted', 'declined'], accepted: ['completed'] };

/** The agency's answer: sent → accepted/declined, accepted → completed (PATCH /referrals/{id}). */
export function ReferralStatusButtons({ id, status, onChanged }: { id: string; status: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const m = useMutation(async (next: ReferralStatus) => {
    await setReferralStatus(id, next);
    return true;
  });
  const options = NEXT[status] ?? [];
  if (!can('referral:write') || options.length === 0) return null;
  return (
    <div className="button-row button-row--compact">
      {options.map((s) => (
        <Button
          key={s}
          variant="secondary"
          isDisabled={m.pending}
          onPress={async () => {
            if (await m.run(s)) onChanged();
          }}
        >
          {t(`referralAction.${s}`)}
        </Button>
      ))}
      <ErrorAlert error={m.error} />
    </div>
  );
}

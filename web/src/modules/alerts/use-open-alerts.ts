import { useEffect } from 'react';
import { useAuth } from '../../app/auth';
import { useServerEvents } from '../../app/use-events';
import { useAlerts } from './api';

const POLL_MS = 60_000;

/** Open (active or acknowledged) alerts for the nav badge: live over SSE, polled as a fallback. */
export function useOpenAlertCount(): number | null {
  const { can } = useAuth();
  const res = useAlerts(can('alert:read') ? { status: 'open', limit: 200 } : null);
  const { reload } = res;
  useServerEvents((ev) => {
    if (ev.name === 'alert.raised' || ev.name === 'alert.updated' || ev.name === 'reconnected') reload();
  });
  useEffect(() => {
    const h = setInterval(reload, POLL_MS);
    return () => clearInterval(h);
  }, [reload]);
  if (!res.data) return null;
  return res.data.items.length;
}

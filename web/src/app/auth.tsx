import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { getMe, login as logIn, logout as logOut, type Me } from '../modules/auth/api';
import { setCsrfToken, setUnauthorizedHandler } from './api';
import { purgeDrafts } from './drafts';

interface AuthValue {
  me: Me | null;
  /** True until the first /auth/me answer, so pages do not flash the login form. */
  checking: boolean;
  login: (email: string, password: string, tenant?: string) => Promise<Me>;
  logout: () => Promise<void>;
  /** After the person changed their password: the session may now do everything its role allows. */
  passwordChanged: () => void;
  can: (permission: string) => boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(true);

  const accept = useCallback((m: Me | null) => {
    setCsrfToken(m?.csrf_token ?? null);
    // Old drafts go whoever logs in (drafts.ts: privacy on a shared PC).
    if (m) purgeDrafts();
    setMe(m);
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => accept(null));
    getMe()
      .then(accept)
      .catch(() => accept(null))
      .finally(() => setChecking(false));
    return () => setUnauthorizedHandler(null);
  }, [accept]);

  const value = useMemo<AuthValue>(
    () => ({
      me,
      checking,
      login: async (email, password, tenant) => {
        const m = await logIn(email, password, tenant);
        accept(m);
        return m;
      },
      logout: async () => {
        // Logging out on purpose ends the work: this account's drafts go with it. (A session that
        // expires keeps them, so the login that follows can restore them.)
        if (me) purgeDrafts({ accountId: me.account_id });
        try {
          await logOut();
        } finally {
          accept(null);
        }
      },
      passwordChanged: () => {
        if (me) accept({ ...me, password_change_required: false });
      },
      can: (p) => !!me?.permissions.includes(p),
    }),
    [me, checking, accept],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** The first page a role may use, in order of the core loop. */
export function homePath(can: (p: string) => boolean, mustChangePassword = false): string {
  if (mustChangePassword) return '/password';
  // The hub lead chases what is late (overdue cases, open alerts) before what is new.
  if (can('case:assign') && can('alert:read')) return '/today';
  if (can('triage:read')) return '/triage';
  if (can('case:read')) return '/cases';
  if (can('concern:read_own')) return '/reports';
  if (can('partner:write')) return '/partners';
  if (can('kpi:read')) return '/kpis';
  if (can('concern:create')) return '/concerns/new';
  return '/no-access';
}

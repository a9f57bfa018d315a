import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import { authApi } from '../../api/auth.api';
import { setCsrfToken } from '../../api/csrf';
import type { Me, Session, SignedIn } from '../../api/types';

export const sessionQueryKey = ['auth', 'session'] as const;

export const sessionQuery = queryOptions({
  queryKey: sessionQueryKey,
  queryFn: async ({ signal }) => {
    const session = await authApi.session(signal);
    setCsrfToken(session.csrfToken);
    return session;
  },
  staleTime: 60_000,
  refetchOnWindowFocus: true,
});

const anonymous: Session = {
  user: null,
  csrfToken: null,
  mfaPending: false,
  workspace: null,
  signupEnabled: false,
};

/** The current session; only valid below SessionGate, which waits for the first load. */
export function useSession(): Session {
  const { data } = useQuery(sessionQuery);
  if (!data) throw new Error('useSession() used outside <SessionGate>');
  return data;
}

function patchSession(queryClient: QueryClient, patch: (session: Session) => Session): void {
  queryClient.setQueryData<Session>(sessionQueryKey, (previous) => patch(previous ?? anonymous));
}

export type SignedOutReason = 'signed_out' | 'expired';

// Why the last session ended, so the guard can say so (or skip ?next after a deliberate sign-out).
let lastSignedOutReason: SignedOutReason | null = null;

export function signedOutReason(): SignedOutReason | null {
  return lastSignedOutReason;
}

/** Called once /login has shown: later visits to protected pages get ?next again. */
export function forgetSignedOutReason(): void {
  lastSignedOutReason = null;
}

/** After login, MFA, sign-up or invitation: store the user, then refresh workspace data. */
export function applySignedIn(queryClient: QueryClient, result: SignedIn): void {
  lastSignedOutReason = null;
  setCsrfToken(result.csrfToken);
  patchSession(queryClient, (session) => ({
    ...session,
    user: result.user,
    csrfToken: result.csrfToken,
    mfaPending: false,
  }));
  void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
}

export function markMfaPending(queryClient: QueryClient, pending: boolean): void {
  patchSession(queryClient, (session) => ({ ...session, mfaPending: pending }));
}

export function updateCurrentUser(queryClient: QueryClient, patch: Partial<Me>): void {
  patchSession(queryClient, (session) => (session.user ? { ...session, user: { ...session.user, ...patch } } : session));
}

/** Forget everything about the signed-in user; guards then redirect to /login. */
export function clearSession(queryClient: QueryClient, reason: SignedOutReason): void {
  lastSignedOutReason = reason;
  setCsrfToken(null);
  queryClient.removeQueries({
    predicate: (query) => query.queryKey[0] !== sessionQueryKey[0],
  });
  patchSession(queryClient, (session) => ({
    ...session,
    user: null,
    csrfToken: null,
    mfaPending: false,
  }));
  void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
}

import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router';
import { loginPath, paths, safeNext } from '../../app/paths';
import { CurrentUserContext } from './CurrentUserContext';
import type { LoginNotice } from './LoginPage';
import { signedOutReason, useSession } from './session';

/** Protected area: signed-out visitors go to /login?next=<where they were going>. */
export function RequireAuth() {
  const { user } = useSession();
  const location = useLocation();
  if (user) {
    return (
      <CurrentUserContext.Provider value={user}>
        <Outlet />
      </CurrentUserContext.Provider>
    );
  }
  const reason = signedOutReason();
  if (reason === 'signed_out') return <Navigate to={paths.login} replace />;
  const state: LoginNotice | null = reason === 'expired' ? { notice: 'session_expired' } : null;
  return <Navigate to={loginPath(`${location.pathname}${location.search}`)} state={state} replace />;
}

/** Sign-in screens: once signed in, continue to ?next (same-origin paths only). */
export function GuestOnly() {
  const { user } = useSession();
  const [searchParams] = useSearchParams();
  if (user) return <Navigate to={safeNext(searchParams.get('next'))} replace />;
  return <Outlet />;
}

import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router';
import { loginPath, paths, safeNext } from '../../app/paths';
import { CurrentUserContext, useCurrentUser } from './CurrentUserContext';
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

/** Customers use the portal; everyone else (agents, supervisors, admins, custom roles) is staff. */
export function isStaff(user: { role: string }): boolean {
  return user.role !== 'customer';
}

/** `/`: staff start in the agent workspace, customers in the portal. */
export function RoleHome() {
  const user = useCurrentUser();
  return <Navigate to={isStaff(user) ? paths.inbox : paths.portal} replace />;
}

/** Areas for one audience; the other is sent to its own start page rather than shown a refusal. */
export function StaffOnly() {
  const user = useCurrentUser();
  return isStaff(user) ? <Outlet /> : <Navigate to={paths.portal} replace />;
}

export function CustomersOnly() {
  const user = useCurrentUser();
  return isStaff(user) ? <Navigate to={paths.inbox} replace /> : <Outlet />;
}

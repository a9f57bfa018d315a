import { Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { FullPageLoader } from '../components/FullPageLoader';
import { NotFoundPage } from '../components/NotFoundPage';
import { GuestOnly, RequireAuth } from '../features/auth/guards';
import { lazyNamed } from './lazyNamed';
import { paths } from './paths';

// Each area is its own chunk; issue 4 adds the agent workspace, admin and portal the same way.
const authPages = () => import('../features/auth/pages');
const LoginPage = lazyNamed(authPages, 'LoginPage');
const LoginMfaPage = lazyNamed(authPages, 'LoginMfaPage');
const SignupPage = lazyNamed(authPages, 'SignupPage');
const ForgotPasswordPage = lazyNamed(authPages, 'ForgotPasswordPage');
const ResetPasswordPage = lazyNamed(authPages, 'ResetPasswordPage');
const InvitePage = lazyNamed(authPages, 'InvitePage');

const SignedInLayout = lazyNamed(() => import('./SignedInLayout'), 'SignedInLayout');
const HomePage = lazyNamed(() => import('../features/home/HomePage'), 'HomePage');
const SecuritySettingsPage = lazyNamed(() => import('../features/security/SecuritySettingsPage'), 'SecuritySettingsPage');

export function AppRoutes() {
  return (
    <Suspense fallback={<FullPageLoader />}>
      <Routes>
        <Route element={<GuestOnly />}>
          <Route path={paths.login} element={<LoginPage />} />
          <Route path={paths.loginMfa} element={<LoginMfaPage />} />
          <Route path={paths.signup} element={<SignupPage />} />
        </Route>
        <Route path={paths.forgotPassword} element={<ForgotPasswordPage />} />
        <Route path={paths.resetPassword} element={<ResetPasswordPage />} />
        <Route path={paths.invite} element={<InvitePage />} />
        <Route element={<RequireAuth />}>
          <Route element={<SignedInLayout />}>
            <Route index element={<HomePage />} />
            <Route path={paths.securitySettings} element={<SecuritySettingsPage />} />
          </Route>
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Suspense>
  );
}

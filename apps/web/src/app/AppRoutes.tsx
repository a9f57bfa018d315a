import { Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { FullPageLoader } from '../components/FullPageLoader';
import { NotFoundPage } from '../components/NotFoundPage';
import { CustomersOnly, GuestOnly, RequireAuth, RoleHome, StaffOnly } from '../features/auth/guards';
import { DEFAULT_VIEW } from '../features/inbox/builtinViews';
import { lazyNamed } from './lazyNamed';
import { inboxViewPath, paths } from './paths';

// Each area is its own chunk: the signed-out screens, the agent workspace and the customer portal.
const authPages = () => import('../features/auth/pages');
const LoginPage = lazyNamed(authPages, 'LoginPage');
const LoginMfaPage = lazyNamed(authPages, 'LoginMfaPage');
const SignupPage = lazyNamed(authPages, 'SignupPage');
const ForgotPasswordPage = lazyNamed(authPages, 'ForgotPasswordPage');
const ResetPasswordPage = lazyNamed(authPages, 'ResetPasswordPage');
const InvitePage = lazyNamed(authPages, 'InvitePage');

const inboxPages = () => import('../features/inbox/pages');
const InboxLayout = lazyNamed(inboxPages, 'InboxLayout');
const TicketListPage = lazyNamed(inboxPages, 'TicketListPage');
const TicketPage = lazyNamed(inboxPages, 'TicketPage');

const portalPages = () => import('../features/portal/pages');
const PortalLayout = lazyNamed(portalPages, 'PortalLayout');
const MyTicketsPage = lazyNamed(portalPages, 'MyTicketsPage');
const NewTicketPage = lazyNamed(portalPages, 'NewTicketPage');
const PortalTicketPage = lazyNamed(portalPages, 'PortalTicketPage');
const PortalProfilePage = lazyNamed(portalPages, 'PortalProfilePage');

const NotificationPreferencesPage = lazyNamed(() => import('../features/notifications/pages'), 'NotificationPreferencesPage');

// The admin console is its own chunk: most signed-in people never open it.
const adminPages = () => import('../features/admin/pages');
const AdminLayout = lazyNamed(adminPages, 'AdminLayout');
const AdminHome = lazyNamed(adminPages, 'AdminHome');
const AdminScreen = lazyNamed(adminPages, 'AdminScreen');

// The staff knowledge base is its own chunk, loaded when someone opens it.
const kbPages = () => import('../features/kb/pages');
const KbLayout = lazyNamed(kbPages, 'KbLayout');
const KbArticleListPage = lazyNamed(kbPages, 'ArticleListPage');
const KbArticleEditorPage = lazyNamed(kbPages, 'ArticleEditorPage');
const KbNewArticleScreen = lazyNamed(kbPages, 'NewArticleScreen');
const KbTranslateArticleScreen = lazyNamed(kbPages, 'TranslateArticleScreen');
const KbCategoriesScreen = lazyNamed(kbPages, 'CategoriesScreen');
const KbModerationScreen = lazyNamed(kbPages, 'ModerationScreen');
const KbAnalyticsScreen = lazyNamed(kbPages, 'AnalyticsScreen');

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
            <Route index element={<RoleHome />} />
            <Route path={paths.account} element={<HomePage />} />
            <Route path={paths.securitySettings} element={<SecuritySettingsPage />} />
            <Route path={paths.admin} element={<AdminLayout />}>
              <Route index element={<AdminHome />} />
              <Route path=":section" element={<AdminScreen />} />
            </Route>
            <Route element={<StaffOnly />}>
              <Route path={paths.inbox} element={<InboxLayout />}>
                <Route index element={<Navigate to={inboxViewPath(DEFAULT_VIEW)} replace />} />
                <Route path="view/:viewKey" element={<TicketListPage />} />
                <Route path="tickets/:ticketId" element={<TicketPage />} />
              </Route>
              <Route path={paths.accountNotifications} element={<NotificationPreferencesPage />} />
              <Route path={paths.kb} element={<KbLayout />}>
                <Route index element={<KbArticleListPage />} />
                <Route path="articles/new" element={<KbNewArticleScreen />} />
                <Route path="articles/:articleId" element={<KbArticleEditorPage />} />
                <Route path="articles/:articleId/translate/:locale" element={<KbTranslateArticleScreen />} />
                <Route path="categories" element={<KbCategoriesScreen />} />
                <Route path="moderation" element={<KbModerationScreen />} />
                <Route path="analytics" element={<KbAnalyticsScreen />} />
              </Route>
            </Route>
            <Route element={<CustomersOnly />}>
              <Route path={paths.portal} element={<PortalLayout />}>
                <Route index element={<MyTicketsPage />} />
                <Route path="new" element={<NewTicketPage />} />
                <Route path="tickets/:ticketId" element={<PortalTicketPage />} />
                <Route path="profile" element={<PortalProfilePage />} />
              </Route>
            </Route>
          </Route>
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Suspense>
  );
}

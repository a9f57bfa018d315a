// The signed-out screens share one lazy chunk: visiting one usually leads to another.
export { ForgotPasswordPage } from './ForgotPasswordPage';
export { InvitePage } from './InvitePage';
export { LoginMfaPage } from './LoginMfaPage';
export { LoginPage } from './LoginPage';
export { ResetPasswordPage } from './ResetPasswordPage';
export { SignupPage } from './SignupPage';

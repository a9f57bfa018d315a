import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { authApi } from '../../api/auth.api';
import { paths } from '../../app/paths';
import { FormAlert } from '../../components/FormAlert';
import { AuthLayout } from './AuthLayout';
import { AuthLink, AuthLinks } from './AuthLinks';
import { applySignedIn, forgetSignedOutReason, markMfaPending, useSession } from './session';
import { useFormErrors } from './useFormErrors';
import { checkEmail, checkRequired } from './validation';

/** Router state other screens pass to explain why the user landed on /login. */
export interface LoginNotice {
  notice?: 'mfa_expired' | 'session_expired';
}

type Field = 'email' | 'password' | 'workspace';

export function LoginPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const { workspace: currentWorkspace, signupEnabled } = useSession();

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [workspace, setWorkspace] = useState('');
  const [showWorkspace, setShowWorkspace] = useState(false);
  useEffect(forgetSignedOutReason, []);

  const login = useMutation({
    mutationFn: authApi.login,
    onSuccess: (result) => {
      if (result.status === 'mfa_required') {
        markMfaPending(queryClient, true);
        void navigate({ pathname: paths.loginMfa, search: searchParams.toString() });
        return;
      }
      // GuestOnly sends the now signed-in user on to ?next.
      applySignedIn(queryClient, result);
    },
    onError: (error) => {
      if (isApiError(error, 'auth.workspace_required')) setShowWorkspace(true);
    },
  });
  const errors = useFormErrors<Field>(login.error);
  const notice = (location.state as LoginNotice | null)?.notice;
  const workspaceVisible = showWorkspace || workspace !== '';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const valid = errors.validate({
      email: checkEmail(email),
      password: checkRequired(password),
    });
    if (!valid) return;
    const slug = workspace.trim();
    login.mutate({ email: email.trim(), password, ...(slug ? { workspace: slug } : {}) });
  };

  const workspaceError =
    errors.fieldError('workspace') ?? (isApiError(login.error, 'auth.workspace_required') ? errors.describe(login.error) : undefined);
  const formError = login.error && !isApiError(login.error, 'auth.workspace_required') ? errors.describe(login.error) : null;

  return (
    <AuthLayout title={t('login.title')} heading={t('login.heading', { workspace: currentWorkspace?.name ?? t('app.name') })}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {notice && !login.error ? (
            <FormAlert color="yellow">
              {notice === 'mfa_expired' ? t('errors.auth.mfa_challenge_expired') : t('errors.auth.unauthenticated')}
            </FormAlert>
          ) : null}
          {formError ? <FormAlert>{formError}</FormAlert> : null}
          <TextInput
            label={t('common.email')}
            type="email"
            autoComplete="username"
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={errors.fieldError('email')}
            required
          />
          <PasswordInput
            label={t('common.password')}
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={errors.fieldError('password')}
            required
          />
          {workspaceVisible ? (
            <TextInput
              label={t('login.workspace')}
              description={t('login.workspaceDescription')}
              autoComplete="organization"
              autoCapitalize="none"
              spellCheck={false}
              value={workspace}
              onChange={(event) => setWorkspace(event.currentTarget.value)}
              error={workspaceError}
            />
          ) : null}
          <Anchor
            component="button"
            type="button"
            size="sm"
            ta="start"
            onClick={() => {
              setShowWorkspace(!workspaceVisible);
              if (workspaceVisible) setWorkspace('');
            }}
            aria-expanded={workspaceVisible}
          >
            {workspaceVisible ? t('login.useDefaultWorkspace') : t('login.useAnotherWorkspace')}
          </Anchor>
          <Button type="submit" loading={login.isPending} fullWidth>
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
      <AuthLinks>
        <AuthLink to={paths.forgotPassword}>{t('login.forgotPassword')}</AuthLink>
        {signupEnabled ? (
          <AuthLink to={paths.signup} prefix={t('login.noAccount')}>
            {t('login.createAccount')}
          </AuthLink>
        ) : null}
      </AuthLinks>
    </AuthLayout>
  );
}

import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { authApi } from '../../api/auth.api';
import { paths } from '../../app/paths';
import { FormAlert } from '../../components/FormAlert';
import { AuthLayout } from './AuthLayout';
import { AuthLink, AuthLinks } from './AuthLinks';
import type { LoginNotice } from './LoginPage';
import { applySignedIn, sessionQueryKey, useSession } from './session';
import { useFormErrors } from './useFormErrors';
import { checkMfaCode, checkRequired } from './validation';

type Mode = 'totp' | 'recovery';

export function LoginMfaPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const { mfaPending } = useSession();
  const [mode, setMode] = useState<Mode>('totp');
  const [code, setCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const loginSearch = searchParams.toString() ? `?${searchParams.toString()}` : '';

  const verify = useMutation({
    mutationFn: authApi.loginMfa,
    onSuccess: (result) => applySignedIn(queryClient, result),
    onError: (error) => {
      if (isApiError(error, 'auth.mfa_challenge_expired')) {
        const state: LoginNotice = { notice: 'mfa_expired' };
        void navigate(`${paths.login}${loginSearch}`, { replace: true, state });
        // Refetch rather than clear mfaPending here: clearing it would re-render this page and
        // its own redirect would drop the notice before the navigation above lands.
        void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
      }
    },
  });
  const errors = useFormErrors<'code' | 'recoveryCode'>(verify.error);

  if (!mfaPending && !verify.isPending) return <Navigate to={`${paths.login}${loginSearch}`} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'totp') {
      if (errors.validate({ code: checkMfaCode(code) })) verify.mutate({ code: code.trim() });
    } else if (errors.validate({ recoveryCode: checkRequired(recoveryCode) })) {
      verify.mutate({ recoveryCode: recoveryCode.trim() });
    }
  };

  const switchMode = () => {
    setMode(mode === 'totp' ? 'recovery' : 'totp');
    errors.validate({});
    verify.reset();
  };

  const invalidCode = isApiError(verify.error, 'auth.invalid_mfa_code') ? errors.describe(verify.error) : undefined;
  const formError =
    verify.error && !invalidCode && !isApiError(verify.error, 'auth.mfa_challenge_expired') ? errors.describe(verify.error) : null;

  return (
    <AuthLayout title={t('mfa.title')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm">{mode === 'totp' ? t('mfa.intro') : t('mfa.introRecovery')}</Text>
          {formError ? <FormAlert>{formError}</FormAlert> : null}
          {mode === 'totp' ? (
            <TextInput
              key="totp"
              label={t('mfa.code')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onChange={(event) => setCode(event.currentTarget.value.replace(/\D/g, ''))}
              error={errors.fieldError('code') ?? invalidCode}
              required
              styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }}
            />
          ) : (
            <TextInput
              key="recovery"
              label={t('mfa.recoveryCode')}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              value={recoveryCode}
              onChange={(event) => setRecoveryCode(event.currentTarget.value)}
              error={errors.fieldError('recoveryCode') ?? invalidCode}
              required
            />
          )}
          <Anchor component="button" type="button" size="sm" ta="start" onClick={switchMode}>
            {mode === 'totp' ? t('mfa.useRecoveryCode') : t('mfa.useAuthenticator')}
          </Anchor>
          <Button type="submit" loading={verify.isPending} fullWidth>
            {t('mfa.submit')}
          </Button>
        </Stack>
      </form>
      <AuthLinks>
        <AuthLink to={`${paths.login}${loginSearch}`}>{t('common.backToSignIn')}</AuthLink>
      </AuthLinks>
    </AuthLayout>
  );
}

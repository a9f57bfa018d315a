import { Button, PasswordInput, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { authApi } from '../../api/auth.api';
import { paths } from '../../app/paths';
import { FormAlert } from '../../components/FormAlert';
import { AuthLayout } from './AuthLayout';
import { AuthLink, AuthLinks } from './AuthLinks';
import { useFormErrors } from './useFormErrors';
import { checkConfirmation, checkNewPassword, PASSWORD_MIN_LENGTH } from './validation';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const reset = useMutation({ mutationFn: authApi.resetPassword });
  const errors = useFormErrors<'password' | 'confirmation'>(reset.error);

  if (!token || isApiError(reset.error, 'auth.reset_token_invalid')) {
    return (
      <AuthLayout title={t('reset.title')}>
        <Stack gap="md">
          <FormAlert>{token ? errors.describe(reset.error) : t('reset.missingToken')}</FormAlert>
          <Button component={Link} to={paths.forgotPassword}>
            {t('reset.requestNewLink')}
          </Button>
        </Stack>
      </AuthLayout>
    );
  }

  if (reset.isSuccess) {
    return (
      <AuthLayout title={t('reset.title')} heading={t('reset.doneTitle')}>
        <Stack gap="md">
          <FormAlert color="green">{t('reset.done')}</FormAlert>
          <Button component={Link} to={paths.login}>
            {t('signup.signIn')}
          </Button>
        </Stack>
      </AuthLayout>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const valid = errors.validate({
      password: checkNewPassword(password),
      confirmation: checkConfirmation(confirmation, password),
    });
    if (valid) reset.mutate({ token, password });
  };

  return (
    <AuthLayout title={t('reset.title')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {reset.error ? <FormAlert>{errors.describe(reset.error)}</FormAlert> : null}
          <PasswordInput
            label={t('reset.newPassword')}
            description={t('common.passwordHint', { min: PASSWORD_MIN_LENGTH })}
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={errors.fieldError('password')}
            required
          />
          <PasswordInput
            label={t('reset.confirmPassword')}
            autoComplete="new-password"
            value={confirmation}
            onChange={(event) => setConfirmation(event.currentTarget.value)}
            error={errors.fieldError('confirmation')}
            required
          />
          <Button type="submit" loading={reset.isPending} fullWidth>
            {t('reset.submit')}
          </Button>
        </Stack>
      </form>
      <AuthLinks>
        <AuthLink to={paths.login}>{t('common.backToSignIn')}</AuthLink>
      </AuthLinks>
    </AuthLayout>
  );
}

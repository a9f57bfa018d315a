import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { authApi } from '../../api/auth.api';
import { paths } from '../../app/paths';
import { FormAlert } from '../../components/FormAlert';
import { currentLanguage } from '../../i18n/i18n';
import { AuthLayout } from './AuthLayout';
import { AuthLink, AuthLinks } from './AuthLinks';
import { applySignedIn, useSession } from './session';
import { useFormErrors } from './useFormErrors';
import { checkEmail, checkNewPassword, checkRequired, PASSWORD_MIN_LENGTH } from './validation';

type Field = 'name' | 'email' | 'password';

export function SignupPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { signupEnabled } = useSession();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signup = useMutation({
    mutationFn: authApi.signup,
    onSuccess: (result) => applySignedIn(queryClient, result),
  });
  const errors = useFormErrors<Field>(signup.error);

  if (!signupEnabled || isApiError(signup.error, 'auth.signup_disabled')) {
    return (
      <AuthLayout title={t('signup.title')} heading={t('signup.disabledTitle')}>
        <Stack gap="md">
          <FormAlert color="yellow">{t('signup.disabled')}</FormAlert>
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
      name: checkRequired(name),
      email: checkEmail(email),
      password: checkNewPassword(password),
    });
    if (valid) {
      signup.mutate({ name: name.trim(), email: email.trim(), password, locale: currentLanguage() });
    }
  };

  const emailTaken = isApiError(signup.error, 'user.email_taken') ? errors.describe(signup.error) : undefined;
  const formError = signup.error && !emailTaken ? errors.describe(signup.error) : null;

  return (
    <AuthLayout title={t('signup.title')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {formError ? <FormAlert>{formError}</FormAlert> : null}
          <TextInput
            label={t('common.name')}
            autoComplete="name"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.fieldError('name')}
            required
          />
          <TextInput
            label={t('common.email')}
            type="email"
            autoComplete="email"
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={errors.fieldError('email') ?? emailTaken}
            required
          />
          <PasswordInput
            label={t('common.password')}
            description={t('common.passwordHint', { min: PASSWORD_MIN_LENGTH })}
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={errors.fieldError('password')}
            required
          />
          <Button type="submit" loading={signup.isPending} fullWidth>
            {t('signup.submit')}
          </Button>
        </Stack>
      </form>
      <AuthLinks>
        <AuthLink to={paths.login} prefix={t('signup.haveAccount')}>
          {t('signup.signIn')}
        </AuthLink>
        {emailTaken ? <AuthLink to={paths.forgotPassword}>{t('login.forgotPassword')}</AuthLink> : null}
      </AuthLinks>
    </AuthLayout>
  );
}

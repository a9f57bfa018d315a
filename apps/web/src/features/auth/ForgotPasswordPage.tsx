import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../../api/auth.api';
import { paths } from '../../app/paths';
import { FormAlert } from '../../components/FormAlert';
import { AuthLayout } from './AuthLayout';
import { AuthLink, AuthLinks } from './AuthLinks';
import { useFormErrors } from './useFormErrors';
import { checkEmail } from './validation';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [workspace, setWorkspace] = useState('');
  const [showWorkspace, setShowWorkspace] = useState(false);
  const forgot = useMutation({ mutationFn: authApi.forgotPassword });
  const errors = useFormErrors<'email' | 'workspace'>(forgot.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!errors.validate({ email: checkEmail(email) })) return;
    const slug = workspace.trim();
    forgot.mutate({ email: email.trim(), ...(slug ? { workspace: slug } : {}) });
  };

  if (forgot.isSuccess) {
    return (
      <AuthLayout title={t('forgot.title')} heading={t('forgot.sentTitle')}>
        <FormAlert color="green">{t('forgot.sent', { email: forgot.variables.email })}</FormAlert>
        <AuthLinks>
          <AuthLink to={paths.login}>{t('common.backToSignIn')}</AuthLink>
        </AuthLinks>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('forgot.title')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('forgot.intro')}</Text>
          {forgot.error ? <FormAlert>{errors.describe(forgot.error)}</FormAlert> : null}
          <TextInput
            label={t('common.email')}
            type="email"
            autoComplete="email"
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={errors.fieldError('email')}
            required
          />
          {showWorkspace ? (
            <TextInput
              label={t('login.workspace')}
              description={t('login.workspaceDescription')}
              autoComplete="organization"
              autoCapitalize="none"
              spellCheck={false}
              value={workspace}
              onChange={(event) => setWorkspace(event.currentTarget.value)}
              error={errors.fieldError('workspace')}
            />
          ) : null}
          <Anchor
            component="button"
            type="button"
            size="sm"
            ta="start"
            aria-expanded={showWorkspace}
            onClick={() => {
              if (showWorkspace) setWorkspace('');
              setShowWorkspace(!showWorkspace);
            }}
          >
            {showWorkspace ? t('login.useDefaultWorkspace') : t('login.useAnotherWorkspace')}
          </Anchor>
          <Button type="submit" loading={forgot.isPending} fullWidth>
            {t('forgot.submit')}
          </Button>
        </Stack>
      </form>
      <AuthLinks>
        <AuthLink to={paths.login}>{t('common.backToSignIn')}</AuthLink>
      </AuthLinks>
    </AuthLayout>
  );
}

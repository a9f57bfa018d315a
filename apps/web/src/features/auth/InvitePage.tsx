import { Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { authApi } from '../../api/auth.api';
import type { InvitationLookup } from '../../api/types';
import { paths } from '../../app/paths';
import { FormAlert } from '../../components/FormAlert';
import { FullPageLoader } from '../../components/FullPageLoader';
import { useRoleLabel } from '../../i18n/useRoleLabel';
import { AuthLayout } from './AuthLayout';
import { AuthLink, AuthLinks } from './AuthLinks';
import { applySignedIn } from './session';
import { useFormErrors } from './useFormErrors';
import { checkNewPassword, checkRequired, PASSWORD_MIN_LENGTH } from './validation';

export function InvitePage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const lookup = useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) => authApi.lookupInvitation(token, signal),
    enabled: token !== '',
    staleTime: Number.POSITIVE_INFINITY,
  });
  const errors = useFormErrors<never>(lookup.error);

  if (!token || lookup.isError) {
    return (
      <AuthLayout title={t('invite.title')} heading={t('invite.invalidTitle')}>
        <Stack gap="md">
          <FormAlert>{token ? errors.describe(lookup.error) : t('invite.missingToken')}</FormAlert>
          {lookup.isError && !isApiError(lookup.error, 'invitation.invalid') ? (
            <Button variant="default" onClick={() => void lookup.refetch()}>
              {t('common.tryAgain')}
            </Button>
          ) : null}
          <Button component={Link} to={paths.login}>
            {t('signup.signIn')}
          </Button>
        </Stack>
      </AuthLayout>
    );
  }

  if (!lookup.data) {
    return (
      <AuthLayout title={t('invite.title')}>
        <FullPageLoader />
      </AuthLayout>
    );
  }

  return <AcceptInvitationForm token={token} invitation={lookup.data} />;
}

function AcceptInvitationForm({ token, invitation }: { token: string; invitation: InvitationLookup }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const roleLabel = useRoleLabel();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const accept = useMutation({
    mutationFn: authApi.acceptInvitation,
    onSuccess: (result) => {
      applySignedIn(queryClient, result);
      void navigate(paths.home, { replace: true });
    },
  });
  const errors = useFormErrors<'name' | 'password'>(accept.error);
  const workspace = invitation.workspaceName;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const valid = errors.validate({ name: checkRequired(name), password: checkNewPassword(password) });
    if (valid) accept.mutate({ token, name: name.trim(), password });
  };

  return (
    <AuthLayout title={t('invite.title')} heading={t('invite.heading', { workspace })}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('invite.summary', { workspace, role: roleLabel(invitation.role) })}</Text>
          {accept.error ? <FormAlert>{errors.describe(accept.error)}</FormAlert> : null}
          <TextInput label={t('common.email')} value={invitation.email} readOnly autoComplete="username" />
          <TextInput
            label={t('common.name')}
            autoComplete="name"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.fieldError('name')}
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
          <Button type="submit" loading={accept.isPending} fullWidth>
            {t('invite.submit')}
          </Button>
        </Stack>
      </form>
      <AuthLinks>
        <AuthLink to={paths.login}>{t('common.backToSignIn')}</AuthLink>
      </AuthLinks>
    </AuthLayout>
  );
}

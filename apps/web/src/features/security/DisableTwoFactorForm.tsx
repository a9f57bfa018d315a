import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/ApiError';
import { meApi } from '../../api/me.api';
import { FormAlert } from '../../components/FormAlert';
import { useFormErrors } from '../auth/useFormErrors';
import { checkRequired } from '../auth/validation';

interface DisableTwoFactorFormProps {
  onDisabled: () => void;
  onCancel: () => void;
}

export function DisableTwoFactorForm({ onDisabled, onCancel }: DisableTwoFactorFormProps) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const disable = useMutation({ mutationFn: meApi.disableTwoFactor, onSuccess: onDisabled });
  const errors = useFormErrors<'password'>(disable.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (errors.validate({ password: checkRequired(password) })) disable.mutate({ password });
  };

  const wrongPassword = isApiError(disable.error, 'auth.invalid_credentials') ? errors.describe(disable.error) : undefined;
  const formError = disable.error && !wrongPassword ? errors.describe(disable.error) : null;

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('security.twoFactor.disableIntro')}</Text>
        {formError ? <FormAlert>{formError}</FormAlert> : null}
        <PasswordInput
          label={t('common.password')}
          autoComplete="current-password"
          maw={360}
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={errors.fieldError('password') ?? wrongPassword}
          required
        />
        <Group gap="sm">
          <Button type="submit" color="red" loading={disable.isPending}>
            {t('security.twoFactor.disable')}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={disable.isPending}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/ApiError';
import { meApi } from '../../api/me.api';
import { FormAlert } from '../../components/FormAlert';
import { useFormErrors } from '../auth/useFormErrors';
import { checkConfirmation, checkNewPassword, checkRequired, PASSWORD_MIN_LENGTH } from '../auth/validation';
import { SettingsSection } from './SettingsSection';

type Field = 'currentPassword' | 'newPassword' | 'confirmation';

export function ChangePasswordSection() {
  const { t } = useTranslation();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const change = useMutation({
    mutationFn: meApi.changePassword,
    onSuccess: () => {
      setCurrentPassword('');
      setNewPassword('');
      setConfirmation('');
    },
  });
  const errors = useFormErrors<Field>(change.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const valid = errors.validate({
      currentPassword: checkRequired(currentPassword),
      newPassword: checkNewPassword(newPassword),
      confirmation: checkConfirmation(confirmation, newPassword),
    });
    if (valid) change.mutate({ currentPassword, newPassword });
  };

  const wrongPassword = isApiError(change.error, 'auth.invalid_credentials') ? errors.describe(change.error) : undefined;
  const formError = change.error && !wrongPassword ? errors.describe(change.error) : null;

  return (
    <SettingsSection title={t('security.password.heading')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {change.isSuccess ? <FormAlert color="green">{t('security.password.changed')}</FormAlert> : null}
          {formError ? <FormAlert>{formError}</FormAlert> : null}
          <PasswordInput
            label={t('security.password.current')}
            autoComplete="current-password"
            value={currentPassword}
            onChange={(event) => setCurrentPassword(event.currentTarget.value)}
            error={errors.fieldError('currentPassword') ?? wrongPassword}
            required
          />
          <PasswordInput
            label={t('security.password.new')}
            description={t('common.passwordHint', { min: PASSWORD_MIN_LENGTH })}
            autoComplete="new-password"
            value={newPassword}
            onChange={(event) => setNewPassword(event.currentTarget.value)}
            error={errors.fieldError('newPassword')}
            required
          />
          <PasswordInput
            label={t('security.password.confirm')}
            autoComplete="new-password"
            value={confirmation}
            onChange={(event) => setConfirmation(event.currentTarget.value)}
            error={errors.fieldError('confirmation')}
            required
          />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('security.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SettingsSection>
  );
}

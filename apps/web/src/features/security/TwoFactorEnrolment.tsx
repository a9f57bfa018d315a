import { Button, Code, CopyButton, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/ApiError';
import { meApi } from '../../api/me.api';
import type { TwoFactorSetup } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { useFormErrors } from '../auth/useFormErrors';
import { checkMfaCode } from '../auth/validation';
import { QrCode } from './QrCode';

interface TwoFactorEnrolmentProps {
  setup: TwoFactorSetup;
  onEnabled: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}

export function TwoFactorEnrolment({ setup, onEnabled, onCancel }: TwoFactorEnrolmentProps) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const enable = useMutation({
    mutationFn: meApi.enableTwoFactor,
    onSuccess: (result) => onEnabled(result.recoveryCodes),
  });
  const errors = useFormErrors<'code'>(enable.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (errors.validate({ code: checkMfaCode(code) })) enable.mutate({ code: code.trim() });
  };

  const invalidCode = isApiError(enable.error, 'auth.invalid_mfa_code') ? errors.describe(enable.error) : undefined;
  const formError = enable.error && !invalidCode ? errors.describe(enable.error) : null;
  const groupedSecret = setup.secret.match(/.{1,4}/g)?.join(' ') ?? setup.secret;

  return (
    <form onSubmit={onSubmit} noValidate>
      <List type="ordered" spacing="lg">
        <List.Item>
          <Stack gap="sm">
            <Text>{t('security.twoFactor.scanStep')}</Text>
            <QrCode value={setup.otpauthUrl} alt={t('security.twoFactor.qrAlt')} failedText={t('security.twoFactor.qrFailed')} />
            <Text size="sm">{t('security.twoFactor.secretLabel')}</Text>
            <Group gap="xs" wrap="wrap">
              <Code fz="sm" style={{ wordBreak: 'break-all' }}>
                {groupedSecret}
              </Code>
              <CopyButton value={setup.secret}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="default" onClick={copy}>
                    {copied ? t('common.copied') : t('security.twoFactor.copySecret')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        </List.Item>
        <List.Item>
          <Stack gap="sm">
            <Text>{t('security.twoFactor.codeStep')}</Text>
            {formError ? <FormAlert>{formError}</FormAlert> : null}
            <TextInput
              label={t('mfa.code')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              maw={220}
              value={code}
              onChange={(event) => setCode(event.currentTarget.value.replace(/\D/g, ''))}
              error={errors.fieldError('code') ?? invalidCode}
              required
            />
            <Group gap="sm">
              <Button type="submit" loading={enable.isPending}>
                {t('security.twoFactor.enable')}
              </Button>
              <Button variant="default" onClick={onCancel} disabled={enable.isPending}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </List.Item>
      </List>
    </form>
  );
}

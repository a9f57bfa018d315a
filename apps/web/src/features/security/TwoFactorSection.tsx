import { Badge, Button, Group, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meApi } from '../../api/me.api';
import { FormAlert } from '../../components/FormAlert';
import { useErrorText } from '../../i18n/errorMessages';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { updateCurrentUser } from '../auth/session';
import { DisableTwoFactorForm } from './DisableTwoFactorForm';
import { RecoveryCodes } from './RecoveryCodes';
import { SettingsSection } from './SettingsSection';
import { TwoFactorEnrolment } from './TwoFactorEnrolment';

type Step = { kind: 'overview'; notice?: 'disabled' } | { kind: 'disabling' } | { kind: 'recovery-codes'; codes: string[] };

export function TwoFactorSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const user = useCurrentUser();
  const errorText = useErrorText();
  const [step, setStep] = useState<Step>({ kind: 'overview' });
  // The secret lives only in this mutation's result; "Cancel" resets it.
  const setup = useMutation({ mutationFn: meApi.setupTwoFactor });

  const status = (
    <Badge color={user.twoFactorEnabled ? 'green' : 'gray'} variant="light">
      {user.twoFactorEnabled ? t('security.twoFactor.enabled') : t('security.twoFactor.disabled')}
    </Badge>
  );

  const body = () => {
    if (step.kind === 'recovery-codes') {
      return <RecoveryCodes codes={step.codes} email={user.email} onDone={() => setStep({ kind: 'overview' })} />;
    }
    if (step.kind === 'disabling') {
      return (
        <DisableTwoFactorForm
          onCancel={() => setStep({ kind: 'overview' })}
          onDisabled={() => {
            updateCurrentUser(queryClient, { twoFactorEnabled: false });
            setStep({ kind: 'overview', notice: 'disabled' });
          }}
        />
      );
    }
    if (setup.data && !user.twoFactorEnabled) {
      return (
        <TwoFactorEnrolment
          setup={setup.data}
          onCancel={() => setup.reset()}
          onEnabled={(codes) => {
            setup.reset();
            updateCurrentUser(queryClient, { twoFactorEnabled: true });
            setStep({ kind: 'recovery-codes', codes });
          }}
        />
      );
    }
    return (
      <>
        {step.notice === 'disabled' ? <FormAlert color="green">{t('security.twoFactor.disabledNotice')}</FormAlert> : null}
        {setup.error ? <FormAlert>{errorText.describe(setup.error)}</FormAlert> : null}
        <Group>
          {user.twoFactorEnabled ? (
            <Button variant="default" color="red" onClick={() => setStep({ kind: 'disabling' })}>
              {t('security.twoFactor.disable')}
            </Button>
          ) : (
            <Button loading={setup.isPending} onClick={() => setup.mutate()}>
              {t('security.twoFactor.setUp')}
            </Button>
          )}
        </Group>
      </>
    );
  };

  return (
    <SettingsSection title={t('security.twoFactor.heading')} aside={status}>
      <Text size="sm" c="dimmed">
        {t('security.twoFactor.description')}
      </Text>
      {body()}
    </SettingsSection>
  );
}

import { Alert, Button, CopyButton, Group, List, Stack, VisuallyHidden } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

interface RecoveryCodesProps {
  codes: string[];
  email: string;
  onDone: () => void;
}

/** Shown once, right after 2FA is enabled; the codes are dropped from memory on "Done". */
export function RecoveryCodes({ codes, email, onDone }: RecoveryCodesProps) {
  const { t } = useTranslation();
  const listLabelId = useId();
  const fileText = [t('security.twoFactor.recoveryFileHeader', { email }), '', ...codes, ''].join('\n');

  const download = () => {
    const url = URL.createObjectURL(new Blob([fileText], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'switchboard-recovery-codes.txt';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  return (
    <Stack gap="md">
      <Alert color="yellow" variant="light" role="alert" title={t('security.twoFactor.recoveryTitle')}>
        {t('security.twoFactor.recoveryWarning')}
      </Alert>
      <div>
        <VisuallyHidden id={listLabelId}>{t('security.twoFactor.recoveryListLabel')}</VisuallyHidden>
        <List
          aria-labelledby={listLabelId}
          listStyleType="none"
          ff="monospace"
          styles={{ root: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(9rem, 1fr))', gap: '0.25rem 1rem' } }}
        >
          {codes.map((code) => (
            <List.Item key={code}>{code}</List.Item>
          ))}
        </List>
      </div>
      <Group gap="sm">
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy} aria-live="polite">
              {copied ? t('common.copied') : t('security.twoFactor.copyCodes')}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={download}>
          {t('security.twoFactor.downloadCodes')}
        </Button>
        <Button onClick={onDone}>{t('security.twoFactor.recoveryDone')}</Button>
      </Group>
    </Stack>
  );
}

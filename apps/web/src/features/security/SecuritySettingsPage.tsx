import { Anchor, Container, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../app/paths';
import { usePageTitle } from '../../components/usePageTitle';
import { ChangePasswordSection } from './ChangePasswordSection';
import { TwoFactorSection } from './TwoFactorSection';

export function SecuritySettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('security.title'));
  return (
    <Container size="sm" px={0}>
      <Stack gap="lg">
        <Anchor component={Link} to={paths.home} size="sm">
          ← {t('security.back')}
        </Anchor>
        <Title order={1} size="h2">
          {t('security.title')}
        </Title>
        <TwoFactorSection />
        <ChangePasswordSection />
      </Stack>
    </Container>
  );
}

import { Anchor, Button, Group, NativeSelect, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { meApi } from '../../api/me.api';
import type { Locale } from '../../api/types';
import { paths } from '../../app/paths';
import { FormAlert } from '../../components/FormAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { useErrorText } from '../../i18n/errorMessages';
import { switchLanguage } from '../../i18n/i18n';
import { isLanguageCode, languages } from '../../i18n/languages';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { updateCurrentUser } from '../auth/session';

/** Every IANA zone the browser knows, with the user's own kept even if it is not among them. */
function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return known.includes(current) ? known : [current, ...known];
}

/** The customer's own profile: name, language (the UI follows at once) and time zone. */
export function PortalProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t('portal.profile.title'));
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [name, setName] = useState(me.name);
  const [locale, setLocale] = useState<Locale>(me.locale);
  const [timezone, setTimezone] = useState(me.timezone);
  const zones = useMemo(() => timeZones(me.timezone), [me.timezone]);
  const save = useMutation({
    mutationFn: () => meApi.update({ name: name.trim(), locale, timezone }),
    onSuccess: async (updated) => {
      updateCurrentUser(queryClient, updated);
      if (isLanguageCode(updated.locale)) await switchLanguage(updated.locale);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const nameError = errorText.field(save.error, 'name');
  const zoneError = errorText.field(save.error, 'timezone');
  const localeError = errorText.field(save.error, 'locale');
  const formError = save.error && !nameError && !zoneError && !localeError ? errorText.describe(save.error) : null;

  return (
    <Stack gap="md">
      <Anchor component={Link} to={paths.portal} size="sm">
        ← {t('portal.backToList')}
      </Anchor>
      <Title order={2} size="h3">
        {t('portal.profile.title')}
      </Title>
      <Paper component="form" onSubmit={submit} withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} aria-label={t('portal.profile.title')}>
        <Stack gap="md">
          {formError ? <FormAlert>{formError}</FormAlert> : null}
          <TextInput
            label={t('common.name')}
            value={name}
            onChange={(e) => {
              save.reset();
              setName(e.currentTarget.value);
            }}
            required
            maxLength={120}
            error={nameError}
          />
          <NativeSelect
            label={t('portal.profile.language')}
            value={locale}
            onChange={(e) => setLocale(e.currentTarget.value as Locale)}
            data={languages.map((l) => ({ value: l.code, label: l.nativeName }))}
            error={localeError}
          />
          <Select
            label={t('portal.profile.timezone')}
            value={timezone}
            onChange={(value) => value && setTimezone(value)}
            data={zones}
            searchable
            allowDeselect={false}
            error={zoneError}
            comboboxProps={{ withinPortal: true }}
          />
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Anchor component={Link} to={paths.securitySettings} size="sm">
              {t('portal.profile.security')}
            </Anchor>
            <Group gap="sm">
              {save.isSuccess ? (
                <Text size="sm" c="green" role="status">
                  {t('portal.profile.saved')}
                </Text>
              ) : null}
              <Button type="submit" loading={save.isPending} disabled={!name.trim()}>
                {t('portal.profile.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

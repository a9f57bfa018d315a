import { Button, Group, NativeSelect, NumberInput, Paper, Stack, Switch, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type WorkspaceSettings, workspaceAdminApi } from '../../../api/admin-people.api';
import type { Locale } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { languages } from '../../../i18n/languages';
import { checkRequired } from '../../auth/validation';
import { refreshAfterChange, workspaceQuery } from '../adminQueries';
import { AdminPage } from '../ui/AdminPage';
import { QueryState } from '../ui/QueryState';
import { TimeZoneSelect } from '../ui/TimeZoneSelect';
import { useAdminFormErrors } from '../ui/useAdminFormErrors';

/** Name, logo, default language, time zone, sign-up and auto-close of the workspace. */
export function WorkspaceSettingsPage() {
  const { t } = useTranslation();
  const workspace = useQuery(workspaceQuery);
  return (
    <AdminPage title={t('admin.settings.title')} description={t('admin.settings.description')}>
      <QueryState query={workspace}>{(settings) => <SettingsForm key={settings.id} settings={settings} />}</QueryState>
    </AdminPage>
  );
}

type Field = 'name' | 'logoUrl' | 'defaultLocale' | 'timezone' | 'autoCloseDays';

function SettingsForm({ settings }: { settings: WorkspaceSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(settings.name);
  const [logoUrl, setLogoUrl] = useState(settings.logoUrl ?? '');
  const [defaultLocale, setDefaultLocale] = useState<Locale>(settings.defaultLocale);
  const [timezone, setTimezone] = useState(settings.timezone);
  const [signupEnabled, setSignupEnabled] = useState(settings.signupEnabled);
  const [autoCloseDays, setAutoCloseDays] = useState<number | string>(settings.autoCloseDays);
  const save = useMutation({
    mutationFn: () =>
      workspaceAdminApi.update({
        name: name.trim(),
        logoUrl: logoUrl.trim() || null,
        defaultLocale,
        timezone,
        signupEnabled,
        ...(typeof autoCloseDays === 'number' ? { autoCloseDays } : {}),
      }),
    // The header shows the name and logo from the session: refresh it too.
    onSuccess: () => refreshAfterChange(queryClient, 'workspace'),
  });
  const errors = useAdminFormErrors<Field>(save.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const valid = errors.validate({
      name: checkRequired(name),
      autoCloseDays: typeof autoCloseDays === 'number' ? undefined : 'fieldErrors.required',
    });
    if (valid) save.mutate();
  };

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} maw={640}>
      <form onSubmit={onSubmit} noValidate aria-label={t('admin.settings.title')}>
        <Stack gap="md">
          {save.isSuccess ? <FormAlert color="green">{t('admin.settings.saved')}</FormAlert> : null}
          {errors.formError ? <FormAlert>{errors.formError}</FormAlert> : null}
          <TextInput
            label={t('admin.settings.name')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.fieldError('name')}
            required
          />
          <TextInput
            label={t('admin.settings.logoUrl')}
            description={t('admin.settings.logoUrlHint')}
            type="url"
            placeholder="https://"
            value={logoUrl}
            onChange={(event) => setLogoUrl(event.currentTarget.value)}
            error={errors.fieldError('logoUrl')}
          />
          <NativeSelect
            label={t('admin.settings.defaultLocale')}
            description={t('admin.settings.defaultLocaleHint')}
            value={defaultLocale}
            onChange={(event) => setDefaultLocale(event.currentTarget.value as Locale)}
            data={languages.map((language) => ({ value: language.code, label: language.nativeName }))}
            error={errors.fieldError('defaultLocale')}
          />
          <TimeZoneSelect
            label={t('admin.common.timezone')}
            description={t('admin.settings.timezoneHint')}
            value={timezone}
            onChange={setTimezone}
            error={errors.fieldError('timezone')}
          />
          <NumberInput
            label={t('admin.settings.autoCloseDays')}
            description={t('admin.settings.autoCloseDaysHint')}
            value={autoCloseDays}
            onChange={setAutoCloseDays}
            min={1}
            max={365}
            allowDecimal={false}
            error={errors.fieldError('autoCloseDays')}
            w={240}
          />
          <Switch
            label={t('admin.settings.signupEnabled')}
            description={t('admin.settings.signupEnabledHint')}
            checked={signupEnabled}
            onChange={(event) => setSignupEnabled(event.currentTarget.checked)}
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('admin.common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

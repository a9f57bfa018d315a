import { ColorInput, Fieldset, NativeSelect, SegmentedControl, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { languages } from '../../../i18n/languages';
import { adminTeamsQuery, calendarsQuery } from '../../admin/adminQueries';
import { type ChannelDraft, NUMBER_LIMITS } from './channelForm';

export interface SectionProps {
  draft: ChannelDraft;
  set: (patch: Partial<ChannelDraft>) => void;
  errorOf: (path: string) => string | undefined;
}

/** Name, on/off, where chats go (team, business hours) and the fallback language. */
export function GeneralSection({ draft, set, errorOf }: SectionProps) {
  const { t } = useTranslation();
  const teams = useQuery(adminTeamsQuery);
  const calendars = useQuery(calendarsQuery);
  return (
    <Fieldset legend={t('chat.admin.sections.general')}>
      <Stack gap="sm">
        <TextInput
          label={t('chat.admin.fields.name')}
          value={draft.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          error={errorOf('name')}
          required
          data-autofocus
        />
        <Switch
          label={t('chat.admin.fields.enabled')}
          checked={draft.enabled}
          onChange={(e) => set({ enabled: e.currentTarget.checked })}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NativeSelect
            label={t('chat.admin.fields.team')}
            description={t('chat.admin.fields.teamHint')}
            data={[
              { value: '', label: t('chat.admin.fields.anyTeam') },
              ...(teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
            ]}
            value={draft.teamId ?? ''}
            onChange={(e) => set({ teamId: e.currentTarget.value || null })}
            error={errorOf('teamId')}
          />
          <NativeSelect
            label={t('chat.admin.fields.calendar')}
            description={t('chat.admin.fields.calendarHint')}
            data={[
              { value: '', label: t('chat.admin.fields.alwaysOpen') },
              ...(calendars.data ?? []).map((c) => ({ value: c.id, label: c.name })),
            ]}
            value={draft.calendarId ?? ''}
            onChange={(e) => set({ calendarId: e.currentTarget.value || null })}
            error={errorOf('calendarId')}
          />
          <NativeSelect
            label={t('chat.admin.fields.defaultLanguage')}
            description={t('chat.admin.fields.defaultLanguageHint')}
            data={languages.map((l) => ({ value: l.code, label: l.nativeName }))}
            value={draft.defaultLanguage}
            onChange={(e) => set({ defaultLanguage: e.currentTarget.value as ChannelDraft['defaultLanguage'] })}
          />
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}

/** How the widget looks on the host page. */
export function AppearanceSection({ draft, set, errorOf }: SectionProps) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t('chat.admin.sections.appearance')}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <ColorInput
            label={t('chat.admin.fields.color')}
            format="hex"
            value={draft.color}
            onChange={(color) => set({ color })}
            error={errorOf('color')}
            popoverProps={{ withinPortal: false }}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="chat-position-label">
              {t('chat.admin.fields.position')}
            </Text>
            <SegmentedControl
              aria-labelledby="chat-position-label"
              value={draft.position}
              onChange={(value) => set({ position: value as ChannelDraft['position'] })}
              data={[
                { value: 'left', label: t('chat.admin.fields.left') },
                { value: 'right', label: t('chat.admin.fields.right') },
              ]}
            />
          </Stack>
        </SimpleGrid>
        <TextInput
          label={t('chat.admin.fields.avatarUrl')}
          placeholder="https://…"
          value={draft.avatarUrl}
          onChange={(e) => set({ avatarUrl: e.currentTarget.value })}
          error={errorOf('avatarUrl')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Textarea
            label={t('admin.common.inEnglish', { label: t('chat.admin.fields.greeting') })}
            value={draft.greeting.en}
            onChange={(e) => set({ greeting: { ...draft.greeting, en: e.currentTarget.value } })}
            error={errorOf('greeting.en')}
            maxLength={500}
            autosize
            minRows={2}
          />
          <Textarea
            label={t('admin.common.inChinese', { label: t('chat.admin.fields.greeting') })}
            lang="zh-CN"
            value={draft.greeting['zh-CN']}
            onChange={(e) => set({ greeting: { ...draft.greeting, 'zh-CN': e.currentTarget.value } })}
            error={errorOf('greeting.zh-CN')}
            maxLength={500}
            autosize
            minRows={2}
          />
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}

type NumberField = keyof typeof NUMBER_LIMITS;
const NUMBER_FIELDS: readonly NumberField[] = ['idleTimeoutMinutes', 'maxMessageLength', 'offerTimeoutSeconds', 'maxChatsPerAgent'];

/** Where the widget may run and the limits that protect agents and the server. */
export function SecurityLimitsSection({ draft, set, errorOf }: SectionProps) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t('chat.admin.sections.limits')}>
      <Stack gap="sm">
        <Textarea
          label={t('chat.admin.fields.allowedOrigins')}
          description={t('chat.admin.fields.allowedOriginsHint')}
          placeholder={'https://www.example.com\nhttps://*.example.com'}
          value={draft.allowedOrigins}
          onChange={(e) => set({ allowedOrigins: e.currentTarget.value })}
          error={errorOf('allowedOrigins')}
          autosize
          minRows={2}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {NUMBER_FIELDS.map((field) => (
            <TextInput
              key={field}
              label={t(`chat.admin.fields.${field}`)}
              description={t('chat.admin.fields.range', { min: NUMBER_LIMITS[field][0], max: NUMBER_LIMITS[field][1] })}
              inputMode="numeric"
              value={draft[field]}
              onChange={(e) => set({ [field]: e.currentTarget.value })}
              error={errorOf(field)}
              required
            />
          ))}
        </SimpleGrid>
        <Switch
          label={t('chat.admin.fields.attachmentsEnabled')}
          checked={draft.attachmentsEnabled}
          onChange={(e) => set({ attachmentsEnabled: e.currentTarget.checked })}
        />
      </Stack>
    </Fieldset>
  );
}

import { Button, Fieldset, Group, Modal, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/ApiError';
import { type Channel, channelsApi } from '../../../api/chat.api';
import { FormAlert } from '../../../components/FormAlert';
import { useErrorText } from '../../../i18n/errorMessages';
import { AppearanceSection, GeneralSection, SecurityLimitsSection } from './ChannelFormSections';
import { type ChannelDraft, type ChannelErrors, channelDraft, createBody, formPath, settingsBody, validateChannel } from './channelForm';
import { PreChatFieldsEditor } from './PreChatFieldsEditor';

type LooseT = (key: string, options?: Record<string, unknown>) => string;

interface ChannelFormModalProps {
  channel: Channel | null;
  onClose: () => void;
  /** After saving; a new channel comes with its secret. */
  onSaved: (result: { channel: Channel; secret?: string }) => void;
}

/** `allowedOrigins.3` belongs to the origins box; a pre-chat field's errors belong to its own row. */
const matches = (serverPath: string, path: string) =>
  serverPath === path || (path !== 'preChatFields' && serverPath.startsWith(`${path}.`));

/** Server field errors by form path, translated by their validation code when we know it. */
function useServerErrors(error: unknown) {
  const { t, i18n } = useTranslation();
  const loose = t as unknown as LooseT;
  return useCallback(
    (path: string): string | undefined => {
      if (!(error instanceof ApiError)) return undefined;
      const item = error.problem.errors?.find((e) => matches(formPath(e.path), path));
      if (!item) return undefined;
      return i18n.exists(`fieldErrors.${item.code}`) ? loose(`fieldErrors.${item.code}`) : item.message;
    },
    [error, i18n, loose],
  );
}

/** Create or change a web chat channel; every setting of the widget in one form. */
export function ChannelFormModal({ channel, onClose, onSaved }: ChannelFormModalProps) {
  const { t } = useTranslation();
  const loose = t as unknown as LooseT;
  const errorText = useErrorText();
  const [draft, setDraft] = useState<ChannelDraft>(() => channelDraft(channel));
  const [clientErrors, setClientErrors] = useState<ChannelErrors>({});
  const save = useMutation({
    mutationFn: async (): Promise<{ channel: Channel; secret?: string }> => {
      if (!channel) return channelsApi.create(createBody(draft));
      const updated = await channelsApi.update(channel.id, {
        name: draft.name.trim(),
        enabled: draft.enabled,
        settings: settingsBody(draft, channel.settings),
      });
      return { channel: updated };
    },
    onSuccess: onSaved,
  });
  const serverError = useServerErrors(save.error);
  const errorOf = (path: string) => (clientErrors[path] ? loose(`chat.admin.errors.${clientErrors[path]}`) : serverError(path));
  const serverFieldErrors = save.error instanceof ApiError && (save.error.problem.errors?.length ?? 0) > 0;
  const set = (patch: Partial<ChannelDraft>) => setDraft((current) => ({ ...current, ...patch }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const errors = validateChannel(draft);
    setClientErrors(errors);
    if (Object.keys(errors).length === 0) save.mutate();
  };
  const invalid = Object.keys(clientErrors).length > 0;

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={channel ? t('chat.admin.editTitle', { name: channel.name }) : t('chat.admin.createTitle')}
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {save.error ? <FormAlert>{serverFieldErrors ? t('chat.admin.errors.fix') : errorText.describe(save.error)}</FormAlert> : null}
          {invalid ? <FormAlert>{t('chat.admin.errors.fix')}</FormAlert> : null}
          <GeneralSection draft={draft} set={set} errorOf={errorOf} />
          <AppearanceSection draft={draft} set={set} errorOf={errorOf} />
          <Fieldset legend={t('chat.admin.sections.preChat')}>
            <PreChatFieldsEditor fields={draft.preChatFields} onChange={(preChatFields) => set({ preChatFields })} errorOf={errorOf} />
          </Fieldset>
          <SecurityLimitsSection draft={draft} set={set} errorOf={errorOf} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('admin.common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

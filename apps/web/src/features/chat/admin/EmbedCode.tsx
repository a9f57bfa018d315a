import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../../api/chat.api';
import { embedSnippet, hmacSnippet, identifySnippet } from './channelForm';

function Snippet({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600}>
          {label}
        </Text>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button size="compact-xs" variant="default" onClick={copy} aria-label={t('chat.admin.embed.copyNamed', { name: label })}>
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Code block fz="xs" data-testid={testId} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {value}
      </Code>
    </Stack>
  );
}

/** The tag for the host site, and how a host site vouches for its signed-in users. */
export function EmbedCode({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Text size="sm">{t('chat.admin.embed.intro')}</Text>
      <Snippet
        label={t('chat.admin.embed.snippet')}
        value={embedSnippet(window.location.origin, channel.publicKey)}
        testId="embed-snippet"
      />
      <Title order={3} size="h5">
        {t('chat.admin.embed.identifyTitle')}
      </Title>
      <Text size="sm">{t('chat.admin.embed.identifyBody')}</Text>
      <Snippet label={t('chat.admin.embed.identifySnippet')} value={identifySnippet()} />
      <Snippet label={t('chat.admin.embed.hmacSnippet')} value={hmacSnippet()} />
      <Text size="xs" c="dimmed">
        {t('chat.admin.embed.hmacNote')}
      </Text>
    </Stack>
  );
}

/** The embed code in a dialog, opened from the channel list. */
export function EmbedCodeModal({ channel, onClose }: { channel: Channel; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} size="lg" title={t('chat.admin.embed.title', { name: channel.name })}>
      <EmbedCode channel={channel} />
    </Modal>
  );
}

/** A new or rotated secret: shown this once; the API never returns it again. */
export function SecretModal({
  channel,
  secret,
  created,
  onClose,
}: {
  channel: Channel;
  secret: string;
  created: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={created ? t('chat.admin.secret.createdTitle', { name: channel.name }) : t('chat.admin.secret.rotatedTitle')}
    >
      <Stack gap="md">
        <Alert color="yellow" title={t('chat.admin.secret.onceTitle')}>
          {t('chat.admin.secret.onceBody')}
        </Alert>
        <Snippet label={t('chat.admin.secret.label')} value={secret} testId="channel-secret" />
        {created ? <EmbedCode channel={channel} /> : null}
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('chat.admin.secret.done')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

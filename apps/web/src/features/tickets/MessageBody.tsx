import { Anchor, Box, Group, Image, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Attachment, Message } from '../../api/types';
import { useFormat } from '../../i18n/format';

/**
 * The message as HTML. The server sanitizes every body on the way in (allow-listed tags and
 * attributes, no scripts or event handlers), which is what makes rendering it here safe.
 */
export function MessageBody({ message }: { message: Pick<Message, 'bodyHtml' | 'attachments'> }) {
  return (
    <Stack gap="xs">
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: bodies are sanitized by the server before they are stored */}
      <Box className="sb-message-body" style={{ overflowWrap: 'anywhere' }} dangerouslySetInnerHTML={{ __html: message.bodyHtml }} />
      {message.attachments.length ? <AttachmentList attachments={message.attachments} /> : null}
    </Stack>
  );
}

function AttachmentList({ attachments }: { attachments: readonly Attachment[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Group gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('attachments.title')}>
      {attachments.map((attachment) => (
        <Box component="li" key={attachment.id}>
          {attachment.previewable ? (
            <Anchor href={attachment.url} target="_blank" rel="noopener">
              <Image src={`${attachment.url}?inline=1`} alt={attachment.filename} h={96} w="auto" fit="contain" radius="sm" />
            </Anchor>
          ) : null}
          <Text size="sm">
            <Anchor href={attachment.url} download={attachment.filename}>
              {attachment.filename}
            </Anchor>{' '}
            <Text span c="dimmed" size="xs">
              {format.fileSize(attachment.size)}
            </Text>
          </Text>
        </Box>
      ))}
    </Group>
  );
}

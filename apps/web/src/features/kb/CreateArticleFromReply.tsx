import { Anchor, Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { matchLocale } from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type KbArticle, kbApi } from '../../api/kb.api';
import type { Message, Ticket } from '../../api/types';
import { kbArticlePath } from '../../app/paths';
import { FormAlert } from '../../components/FormAlert';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { hasPermission } from './access';
import { articleSaved, categoriesQuery, localeName, sectionOptions } from './kbQueries';
import { useKbErrorText } from './useKbErrorText';

const TITLE_MAX = 300;
const EXCERPT_MAX = 240;

/** The draft exists, but the edited title could not be saved onto it. */
class RenameFailed extends Error {
  constructor(
    readonly draft: KbArticle,
    override readonly cause: unknown,
  ) {
    super('rename failed');
  }
}

/** A staff reply worth keeping: an agent's (or bot's) public answer, not the customer's own words. */
export function canDraftFrom(message: Pick<Message, 'kind' | 'authorKind'>): boolean {
  return message.kind === 'reply' && message.authorKind !== 'customer';
}

/** "Create article" on a staff reply in the timeline: the reply becomes a KB draft (needs kb.write). */
export function CreateArticleFromReply({ ticket, message }: { ticket: Pick<Ticket, 'subject' | 'language'>; message: Message }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [open, setOpen] = useState(false);
  if (!canDraftFrom(message) || !hasPermission(user, 'kb.write')) return null;
  return (
    <Group justify="flex-end" mt="xs">
      <Anchor component="button" type="button" size="xs" onClick={() => setOpen(true)}>
        {t('kbTools.fromReply.action')}
      </Anchor>
      {open ? <FromReplyDialog ticket={ticket} message={message} onClose={() => setOpen(false)} /> : null}
    </Group>
  );
}

function excerptOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_MAX ? `${flat.slice(0, EXCERPT_MAX - 1)}…` : flat;
}

interface DialogProps {
  ticket: Pick<Ticket, 'subject' | 'language'>;
  message: Message;
  onClose: () => void;
}

function FromReplyDialog({ ticket, message, onClose }: DialogProps) {
  const { t, i18n } = useTranslation();
  const errorText = useKbErrorText();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const categories = useQuery(categoriesQuery);
  const [title, setTitle] = useState(() => ticket.subject.slice(0, TITLE_MAX));
  const [sectionId, setSectionId] = useState('');
  const [missingTitle, setMissingTitle] = useState(false);
  // The server drafts in the ticket's language; a translation is added from the editor.
  const locale = matchLocale(ticket.language);
  const create = useMutation({
    mutationFn: async () => {
      const draft = await kbApi.fromMessage({ messageId: message.id, sectionId: sectionId || null });
      articleSaved(queryClient, draft);
      const wanted = title.trim();
      if (wanted === draft.title) return draft;
      // The endpoint always titles the draft with the ticket subject: save the agent's title on top.
      try {
        const renamed = await kbApi.update(draft.id, draft.version, { title: wanted });
        articleSaved(queryClient, renamed);
        return renamed;
      } catch (error) {
        throw new RenameFailed(draft, error);
      }
    },
    onSuccess: (article) => void navigate(kbArticlePath(article.id)),
  });
  const failure = create.error instanceof RenameFailed ? create.error : null;
  const apiError = failure ? failure.cause : create.error;
  const formError = errorText.formError(apiError, ['sectionId', 'title']);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const empty = !title.trim();
    setMissingTitle(empty);
    if (!empty) create.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={t('kbTools.fromReply.title')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('kbTools.fromReply.explain')}</Text>
          {failure ? (
            <FormAlert>
              {t('kbTools.fromReply.renameFailed', { reason: errorText.describe(failure.cause) })}{' '}
              <Anchor component={Link} to={kbArticlePath(failure.draft.id)}>
                {t('kbTools.fromReply.openDraft')}
              </Anchor>
            </FormAlert>
          ) : formError ? (
            <FormAlert>{formError}</FormAlert>
          ) : null}
          <TextInput
            label={t('kb.fields.title')}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            error={missingTitle ? t('fieldErrors.required') : errorText.field(apiError, 'title')}
            maxLength={TITLE_MAX}
            required
            data-autofocus
          />
          <TextInput
            label={t('kb.fields.locale')}
            description={t('kbTools.fromReply.localeHint')}
            value={localeName(locale)}
            lang={locale}
            readOnly
          />
          <NativeSelect
            label={t('kb.fields.section')}
            value={sectionId}
            onChange={(event) => setSectionId(event.currentTarget.value)}
            data={[{ value: '', label: t('kb.fields.noSection') }, ...sectionOptions(categories.data ?? [], i18n.resolvedLanguage ?? 'en')]}
            error={errorText.field(apiError, 'sectionId')}
          />
          <Stack gap={2}>
            <Text size="sm" fw={500}>
              {t('kbTools.fromReply.body')}
            </Text>
            <Text size="sm" c="dimmed">
              {excerptOf(message.bodyText)}
            </Text>
          </Stack>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={failure !== null}>
              {t('kbTools.fromReply.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

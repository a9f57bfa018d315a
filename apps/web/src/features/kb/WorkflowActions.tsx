import { Button, Checkbox, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type KbAction, type KbArticle, kbApi } from '../../api/kb.api';
import { FormAlert } from '../../components/FormAlert';
import { useKbErrorText } from './useKbErrorText';

type Dialog = 'approve' | 'request_changes' | 'schedule' | 'unpublish' | 'archive';

/** `datetime-local` value ("2030-05-01T09:30", local time) → ISO with offset; null when empty or invalid. */
export function localDateTimeToIso(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * The workflow buttons the caller may use now. The server computes `article.actions` from the
 * transition table and the caller's permissions, so the UI never re-implements the rules.
 */
export function WorkflowActions({ article, onChanged }: { article: KbArticle; onChanged: (article: KbArticle) => void }) {
  const { t } = useTranslation();
  const errorText = useKbErrorText();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const run = useMutation({
    mutationFn: (call: () => Promise<KbArticle>) => call(),
    onSuccess: (next) => {
      setDialog(null);
      onChanged(next);
    },
  });
  const can = (action: KbAction) => article.actions.includes(action);
  const direct = (label: string, call: () => Promise<KbArticle>, variant: 'filled' | 'default' = 'default') => (
    <Button
      key={label}
      variant={variant}
      size="sm"
      loading={run.isPending && !dialog}
      disabled={run.isPending}
      onClick={() => run.mutate(call)}
    >
      {label}
    </Button>
  );
  const opener = (target: Dialog, label: string, color?: string) => (
    <Button
      key={label}
      variant="default"
      size="sm"
      color={color}
      disabled={run.isPending}
      onClick={() => {
        run.reset();
        setDialog(target);
      }}
    >
      {label}
    </Button>
  );
  const id = article.id;
  const buttons: ReactNode[] = [
    can('submit') && direct(t('kb.workflow.submit'), () => kbApi.workflow(id, 'submit'), 'filled'),
    can('approve') && opener('approve', t('kb.workflow.approve')),
    can('request_changes') && opener('request_changes', t('kb.workflow.requestChanges')),
    can('publish') && direct(t('kb.workflow.publish'), () => kbApi.workflow(id, 'publish'), 'filled'),
    can('schedule') && opener('schedule', t('kb.workflow.schedule')),
    can('unschedule') && direct(t('kb.workflow.unschedule'), () => kbApi.unschedule(id)),
    can('mark_reviewed') && direct(t('kb.workflow.markReviewed'), () => kbApi.workflow(id, 'mark_reviewed')),
    can('unpublish') && opener('unpublish', t('kb.workflow.unpublish'), 'red'),
    can('archive') && opener('archive', t('kb.workflow.archive'), 'red'),
    can('reopen') && direct(t('kb.workflow.reopen'), () => kbApi.workflow(id, 'reopen')),
  ].filter(Boolean);
  if (!buttons.length) return null;
  const close = () => {
    setDialog(null);
    run.reset();
  };
  return (
    <Stack gap="xs">
      <Group gap="xs" wrap="wrap" role="group" aria-label={t('kb.workflow.label')}>
        {buttons}
      </Group>
      {run.error && !dialog ? <FormAlert>{errorText.describe(run.error)}</FormAlert> : null}
      <WorkflowDialog
        key={dialog ?? 'none'}
        dialog={dialog}
        canPublish={can('publish')}
        pending={run.isPending}
        error={dialog ? run.error : null}
        onClose={close}
        onConfirm={(call) => run.mutate(() => call(id))}
      />
    </Stack>
  );
}

interface WorkflowDialogProps {
  dialog: Dialog | null;
  canPublish: boolean;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onConfirm: (call: (id: string) => Promise<KbArticle>) => void;
}

function WorkflowDialog({ dialog, canPublish, pending, error, onClose, onConfirm }: WorkflowDialogProps) {
  const { t } = useTranslation();
  const errorText = useKbErrorText();
  const [comment, setComment] = useState('');
  const [publish, setPublish] = useState(false);
  const [when, setWhen] = useState('');
  const [missing, setMissing] = useState(false);
  const titles: Record<Dialog, string> = {
    approve: t('kb.workflow.approveTitle'),
    request_changes: t('kb.workflow.requestChangesTitle'),
    schedule: t('kb.workflow.scheduleTitle'),
    unpublish: t('kb.workflow.unpublishTitle'),
    archive: t('kb.workflow.archiveTitle'),
  };
  const confirm = () => {
    const text = comment.trim();
    if (dialog === 'request_changes') {
      setMissing(!text);
      if (text) onConfirm((id) => kbApi.workflow(id, 'request_changes', { comment: text }));
    } else if (dialog === 'approve') {
      onConfirm((id) => kbApi.workflow(id, 'approve', { ...(text ? { comment: text } : {}), ...(publish ? { publish: true } : {}) }));
    } else if (dialog === 'schedule') {
      const iso = localDateTimeToIso(when);
      setMissing(!iso);
      if (iso) onConfirm((id) => kbApi.schedule(id, iso));
    } else if (dialog) {
      onConfirm((id) => kbApi.workflow(id, dialog));
    }
  };
  const reset = () => {
    setComment('');
    setPublish(false);
    setWhen('');
    setMissing(false);
    onClose();
  };
  const scheduleError = missing ? t('fieldErrors.required') : errorText.field(error, 'publishAt');
  const formError = errorText.formError(error, ['publishAt', 'comment']);
  return (
    <Modal opened={dialog !== null} onClose={reset} title={dialog ? titles[dialog] : ''}>
      <Stack gap="md">
        {formError ? <FormAlert>{formError}</FormAlert> : null}
        {dialog === 'unpublish' || dialog === 'archive' ? <div>{t(`kb.workflow.${dialog}Body`)}</div> : null}
        {dialog === 'approve' || dialog === 'request_changes' ? (
          <Textarea
            label={t('kb.workflow.comment')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            required={dialog === 'request_changes'}
            error={missing ? t('fieldErrors.required') : errorText.field(error, 'comment')}
            autosize
            minRows={3}
            data-autofocus
          />
        ) : null}
        {dialog === 'approve' && canPublish ? (
          <Checkbox label={t('kb.workflow.alsoPublish')} checked={publish} onChange={(e) => setPublish(e.currentTarget.checked)} />
        ) : null}
        {dialog === 'schedule' ? (
          <TextInput
            type="datetime-local"
            label={t('kb.workflow.publishAt')}
            value={when}
            onChange={(e) => setWhen(e.currentTarget.value)}
            error={scheduleError}
            required
            data-autofocus
          />
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={reset}>
            {t('common.cancel')}
          </Button>
          <Button loading={pending} color={dialog === 'unpublish' || dialog === 'archive' ? 'red' : undefined} onClick={confirm}>
            {dialog ? titles[dialog] : ''}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { Button, Group, NativeSelect, Paper, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { newIdempotencyKey, ticketsApi } from '../../api/tickets.api';
import type { CreateTicketBody, CustomerCategory, CustomerCustomField, CustomFieldValue } from '../../api/types';
import { workspaceApi } from '../../api/workspace.api';
import { paths, portalTicketPath } from '../../app/paths';
import { FormAlert } from '../../components/FormAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormErrors } from '../auth/useFormErrors';
import { checkRequired } from '../auth/validation';
import { ArticleSuggestions } from '../kb/ArticleSuggestions';
import { AttachmentPicker, DropZone } from '../tickets/AttachmentPicker';
import { CustomFieldInput, localizedLabel } from '../tickets/CustomFieldInput';
import { configKeys, ticketKeys } from '../tickets/ticketQueries';
import { useAttachmentUploads } from '../tickets/useAttachmentUploads';

/** Categories and the custom fields customers may fill in; missing config routes just mean "nothing to offer". */
function usePortalFormConfig() {
  const categories = useQuery({
    queryKey: [...configKeys.categories, 'customer'],
    queryFn: ({ signal }) => workspaceApi.customerCategories(signal),
    staleTime: 5 * 60_000,
  });
  const fields = useQuery({
    queryKey: [...configKeys.customFields, 'customer'],
    queryFn: ({ signal }) => workspaceApi.customerFields(signal),
    staleTime: 5 * 60_000,
  });
  return { categories: categories.data ?? [], fields: (fields.data ?? []).filter((field) => field.editable) };
}

/** Creates the ticket once (one Idempotency-Key per form) and opens it. */
function useCreateTicket() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // A resubmit after a lost response cannot open the ticket twice.
  const [idempotencyKey] = useState(newIdempotencyKey);
  return useMutation({
    mutationFn: (body: CreateTicketBody) => ticketsApi.create(body, idempotencyKey),
    onSuccess: (ticket) => {
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
      void navigate(portalTicketPath(ticket.id));
    },
  });
}

/** Ask for help: subject, description, category, the fields customers may fill in, attachments. */
export function NewTicketPage() {
  const { t } = useTranslation();
  const uploads = useAttachmentUploads();
  const config = usePortalFormConfig();
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [customFields, setCustomFields] = useState<Record<string, CustomFieldValue>>({});
  const create = useCreateTicket();
  // Field names are the API's (bodyText is the description), so server errors land next to their input.
  const errors = useFormErrors<string>(create.error);
  usePageTitle(t('portal.newTicket'));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!errors.validate({ subject: checkRequired(subject), bodyText: checkRequired(description) }) || uploads.busy) return;
    const values = Object.fromEntries(Object.entries(customFields).filter(([, value]) => value !== null));
    create.mutate({
      subject: subject.trim(),
      bodyText: description.trim(),
      ...(categoryId ? { categoryId } : {}),
      ...(Object.keys(values).length ? { customFields: values } : {}),
      ...(uploads.ids.length ? { attachmentIds: uploads.ids } : {}),
    });
  };

  return (
    <Stack gap="md">
      <Title order={2} size="h2">
        {t('portal.newTicket')}
      </Title>
      <DropZone onFiles={uploads.add}>
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="form" onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            {create.error ? <FormAlert>{errors.describe(create.error)}</FormAlert> : null}
            <CategorySelect
              categories={config.categories}
              value={categoryId}
              onChange={setCategoryId}
              error={errors.fieldError('categoryId')}
            />
            <TextInput
              label={t('portal.form.subject')}
              value={subject}
              onChange={(event) => setSubject(event.currentTarget.value)}
              error={errors.fieldError('subject')}
              maxLength={250}
              required
            />
            <ArticleSuggestions text={subject} />
            <Textarea
              label={t('portal.form.description')}
              description={t('portal.form.descriptionHint')}
              value={description}
              onChange={(event) => setDescription(event.currentTarget.value)}
              error={errors.fieldError('bodyText')}
              autosize
              minRows={6}
              required
            />
            <ExtraFields fields={config.fields} values={customFields} onChange={setCustomFields} fieldError={errors.fieldError} />
            <AttachmentPicker uploads={uploads} disabled={create.isPending} />
            {errors.fieldError('attachmentIds') ? <FormAlert>{errors.fieldError('attachmentIds')}</FormAlert> : null}
            <Group justify="flex-end" gap="sm">
              <Button component={Link} to={paths.portal} variant="default">
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending} disabled={uploads.busy}>
                {t('portal.form.submit')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </DropZone>
    </Stack>
  );
}

function CategorySelect(props: {
  categories: CustomerCategory[];
  value: string;
  onChange: (id: string) => void;
  error?: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  if (!props.categories.length) return null;
  const language = i18n.resolvedLanguage ?? 'en';
  return (
    <NativeSelect
      label={t('portal.form.category')}
      value={props.value}
      onChange={(event) => props.onChange(event.currentTarget.value)}
      data={[
        { value: '', label: t('portal.form.chooseCategory') },
        ...props.categories.map((category) => ({ value: category.id, label: localizedLabel(category.names, category.name, language) })),
      ]}
      error={props.error}
    />
  );
}

interface ExtraFieldsProps {
  fields: CustomerCustomField[];
  values: Record<string, CustomFieldValue>;
  onChange: (update: (current: Record<string, CustomFieldValue>) => Record<string, CustomFieldValue>) => void;
  fieldError: (name: string) => string | undefined;
}

function ExtraFields({ fields, values, onChange, fieldError }: ExtraFieldsProps) {
  return fields.map((field) => (
    <CustomFieldInput
      key={field.id}
      field={field}
      value={values[field.key]}
      onChange={(value) => onChange((current) => ({ ...current, [field.key]: value }))}
      error={fieldError(field.key)}
    />
  ));
}

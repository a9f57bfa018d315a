import { Button, FileInput, Group, List, Menu, Modal, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/ApiError';
import { type KbDownload, type KbExportFormat, type KbImportResult, kbApi } from '../../api/kb.api';
import { FormAlert } from '../../components/FormAlert';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { hasPermission } from './access';
import { kbKeys } from './kbQueries';
import { useKbErrorText } from './useKbErrorText';

const FORMATS = ['markdown', 'html'] as const satisfies readonly KbExportFormat[];
const MAX_ARCHIVE_BYTES = 50 * 1024 * 1024;

type LooseT = (key: string) => string;

/** Hands a downloaded file to the browser as a save. */
function saveFile({ blob, filename }: KbDownload): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Export and import of the whole knowledge base as a zip; both need kb.publish, like the API. */
export function KbImportExport() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const errorText = useKbErrorText();
  const [importing, setImporting] = useState(false);
  const download = useMutation({
    mutationFn: (format: KbExportFormat) => kbApi.exportArchive(format),
    onSuccess: saveFile,
  });
  if (!hasPermission(user, 'kb.publish')) return null;
  return (
    <Stack gap="xs" align="flex-end">
      <Group gap="xs">
        <Menu position="bottom-end" withinPortal={false}>
          <Menu.Target>
            <Button variant="default" loading={download.isPending}>
              {t('kbTools.transfer.export')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('kbTools.transfer.exportFormat')}</Menu.Label>
            {FORMATS.map((format) => (
              <Menu.Item key={format} onClick={() => download.mutate(format)}>
                {t(`kbTools.transfer.format.${format}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <Button variant="default" onClick={() => setImporting(true)}>
          {t('kbTools.transfer.import')}
        </Button>
      </Group>
      {download.error ? <FormAlert title={t('kbTools.transfer.exportFailed')}>{errorText.describe(download.error)}</FormAlert> : null}
      {importing ? <ImportDialog onClose={() => setImporting(false)} /> : null}
    </Stack>
  );
}

function ImportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<'missing' | 'too_large' | null>(null);
  const upload = useMutation({
    mutationFn: (archive: File) => kbApi.importArchive(archive),
    // Categories, articles, lists and translations may all have changed.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: kbKeys.all }),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const check = !file ? 'missing' : file.size > MAX_ARCHIVE_BYTES ? 'too_large' : null;
    setProblem(check);
    if (file && !check) upload.mutate(file);
  };
  return (
    <Modal opened onClose={onClose} size="lg" title={t('kbTools.transfer.importTitle')}>
      {upload.data ? (
        <Stack gap="md">
          <ImportReport result={upload.data} />
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('kbTools.transfer.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <Text size="sm">{t('kbTools.transfer.importExplain')}</Text>
            {upload.error ? <ImportFailure error={upload.error} /> : null}
            <FileInput
              label={t('kbTools.transfer.archive')}
              description={t('kbTools.transfer.archiveHint')}
              placeholder={t('kbTools.transfer.choose')}
              accept=".zip,application/zip"
              value={file}
              onChange={(next) => {
                setFile(next);
                setProblem(null);
                upload.reset();
              }}
              error={problem ? t(`kbTools.transfer.${problem}`) : undefined}
              clearable
              required
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={upload.isPending}>
                {t('kbTools.transfer.importAction')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

/** What the import changed: the API reports counts of created and updated categories and articles. */
function ImportReport({ result }: { result: KbImportResult }) {
  const { t } = useTranslation();
  const rows = [
    { key: 'categories', label: t('kbTools.transfer.categories'), ...result.categories },
    { key: 'articles', label: t('kbTools.transfer.articles'), ...result.articles },
  ];
  return (
    <Stack gap="sm">
      <FormAlert color="green">{t('kbTools.transfer.importDone')}</FormAlert>
      <Table aria-label={t('kbTools.transfer.report')} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th>{t('kbTools.transfer.created')}</Table.Th>
            <Table.Th>{t('kbTools.transfer.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Th scope="row">{row.label}</Table.Th>
              <Table.Td>{row.created}</Table.Td>
              <Table.Td>{row.updated}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** The refusal, and for kb_import.invalid every bad file with what is wrong in it. */
function ImportFailure({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  const loose = t as unknown as LooseT;
  const errorText = useKbErrorText();
  const files = isApiError(error, 'kb_import.invalid') ? (error.problem.errors ?? []) : [];
  // A known code reads in the UI language; parser details (YAML, front matter) only exist in the server's words.
  const reason = (item: { code: string; message: string }) => {
    for (const key of [`errors.${item.code}`, `kbTools.transfer.fileErrors.${item.code}`]) if (i18n.exists(key)) return loose(key);
    return item.message;
  };
  return (
    <FormAlert title={t('kbTools.transfer.importFailed')}>
      <Stack gap={4}>
        <Text size="sm">{errorText.describe(error)}</Text>
        {files.length ? (
          <List size="sm" aria-label={t('kbTools.transfer.badFiles')}>
            {files.map((item) => (
              <List.Item key={`${item.path}:${item.message}`}>
                <Text span ff="monospace" size="sm">
                  {item.path || t('kbTools.transfer.wholeArchive')}
                </Text>
                {': '}
                {reason(item)}
              </List.Item>
            ))}
          </List>
        ) : null}
      </Stack>
    </FormAlert>
  );
}

import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type KbCategory, kbApi } from '../../api/kb.api';
import { FormAlert } from '../../components/FormAlert';
import { AdminPage } from '../admin/ui/AdminPage';
import { ConfirmAction } from '../admin/ui/ConfirmAction';
import { MoveButtons } from '../admin/ui/MoveButtons';
import { QueryState } from '../admin/ui/QueryState';
import { CategoryFormModal } from './CategoryFormModal';
import { categoryDescription } from './categoryDescriptions';
import { VisibilityBadge } from './KbBadges';
import { categoriesQuery, categoryName, categoryTree, kbKeys } from './kbQueries';
import { useKbErrorText } from './useKbErrorText';

type Editing = { entry: KbCategory | null; parentId: string | null; nextPosition: number } | null;

/** `ids` with the one at `index` moved by `delta`. */
export function moved(ids: readonly string[], index: number, delta: -1 | 1): string[] {
  const next = [...ids];
  const [item] = next.splice(index, 1);
  if (item !== undefined) next.splice(index + delta, 0, item);
  return next;
}

/** The help center's structure: categories and their sections, in order, with their visibility. */
export function CategoriesPage() {
  const { t } = useTranslation();
  const categories = useQuery(categoriesQuery);
  const [editing, setEditing] = useState<Editing>(null);
  const tree = categoryTree(categories.data ?? []);
  return (
    <AdminPage
      title={t('kb.categories.title')}
      description={t('kb.categories.description')}
      actions={
        <Button onClick={() => setEditing({ entry: null, parentId: null, nextPosition: tree.length })}>
          {t('kb.categories.newCategory')}
        </Button>
      }
    >
      <QueryState query={categories} empty={t('kb.categories.empty')}>
        {() => <CategoryTree tree={tree} onEdit={setEditing} />}
      </QueryState>
      {editing ? <CategoryFormModal {...editing} onClose={() => setEditing(null)} /> : null}
    </AdminPage>
  );
}

function CategoryTree({ tree, onEdit }: { tree: ReturnType<typeof categoryTree>; onEdit: (editing: Editing) => void }) {
  const { t } = useTranslation();
  const errorText = useKbErrorText();
  const queryClient = useQueryClient();
  const reorder = useMutation({
    mutationFn: ({ parentId, ids }: { parentId: string | null; ids: string[] }) => kbApi.reorderCategories(parentId, ids),
    onSettled: () => queryClient.invalidateQueries({ queryKey: kbKeys.categories }),
  });
  const topIds = tree.map((node) => node.category.id);
  return (
    <Stack gap="md">
      {reorder.error ? <FormAlert>{errorText.describe(reorder.error)}</FormAlert> : null}
      {tree.map(({ category, sections }, index) => (
        <Paper key={category.id} withBorder radius="md" p="md" component="section" aria-label={categoryName(category, 'en')}>
          <Row
            entry={category}
            first={index === 0}
            last={index === tree.length - 1}
            busy={reorder.isPending}
            onMove={(delta) => reorder.mutate({ parentId: null, ids: moved(topIds, index, delta) })}
            onEdit={() => onEdit({ entry: category, parentId: null, nextPosition: 0 })}
          />
          <Stack gap={4} mt="sm" ml="lg" component="ul" p={0} style={{ listStyle: 'none' }} aria-label={t('kb.categories.sections')}>
            {sections.map((section, i) => (
              <li key={section.id}>
                <Row
                  entry={section}
                  first={i === 0}
                  last={i === sections.length - 1}
                  busy={reorder.isPending}
                  onMove={(delta) =>
                    reorder.mutate({
                      parentId: category.id,
                      ids: moved(
                        sections.map((s) => s.id),
                        i,
                        delta,
                      ),
                    })
                  }
                  onEdit={() => onEdit({ entry: section, parentId: category.id, nextPosition: 0 })}
                />
              </li>
            ))}
          </Stack>
          <Button
            mt="xs"
            ml="lg"
            size="compact-sm"
            variant="subtle"
            onClick={() => onEdit({ entry: null, parentId: category.id, nextPosition: sections.length })}
          >
            {t('kb.categories.newSection')}
          </Button>
        </Paper>
      ))}
    </Stack>
  );
}

interface RowProps {
  entry: KbCategory;
  first: boolean;
  last: boolean;
  busy: boolean;
  onMove: (delta: -1 | 1) => void;
  onEdit: () => void;
}

function Row({ entry, first, last, busy, onMove, onEdit }: RowProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const name = categoryName(entry, i18n.resolvedLanguage ?? 'en');
  const description = categoryDescription(entry, i18n.resolvedLanguage ?? 'en');
  const section = entry.parentId !== null;
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm">
      <Stack gap={2} miw={0}>
        <Group gap="xs" miw={0}>
          <Text fw={section ? 400 : 600}>{name}</Text>
          <VisibilityBadge visibility={entry.visibility} />
          {section ? (
            <Text size="xs" c="dimmed">
              {t('kb.categories.articleCount', { count: entry.articleCount })}
            </Text>
          ) : null}
        </Group>
        {description ? (
          <Text size="sm" c="dimmed" lineClamp={2}>
            {description}
          </Text>
        ) : null}
      </Stack>
      <Group gap={4} wrap="nowrap">
        <MoveButtons name={name} first={first} last={last} disabled={busy} onMove={onMove} />
        <Button size="compact-sm" variant="subtle" onClick={onEdit} aria-label={t('kb.categories.editNamed', { name })}>
          {t('kb.categories.edit')}
        </Button>
        <ConfirmAction
          label={t('kb.categories.delete')}
          ariaLabel={t('kb.categories.deleteNamed', { name })}
          title={t('kb.categories.deleteTitle', { name })}
          message={t('kb.categories.deleteBody')}
          confirmLabel={t('kb.categories.delete')}
          onConfirm={async () => {
            await kbApi.deleteCategory(entry.id);
            await queryClient.invalidateQueries({ queryKey: kbKeys.categories });
          }}
        />
      </Group>
    </Group>
  );
}

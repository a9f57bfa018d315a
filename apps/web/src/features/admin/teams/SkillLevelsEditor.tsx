import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export interface SkillLevel {
  skill: string;
  level: number;
}

interface SkillLevelsEditorProps {
  label: string;
  /** "Level" for an agent's own skills, "Minimum level" for what a rule requires. */
  levelLabel: string;
  value: SkillLevel[];
  onChange: (value: SkillLevel[]) => void;
  error?: string | undefined;
  /** Known skill names offered while typing. */
  suggestions?: string[];
}

const LEVELS = [1, 2, 3, 4, 5];

/** Rows of skill name + level 1..5, with add and remove. */
export function SkillLevelsEditor({ label, levelLabel, value, onChange, error, suggestions = [] }: SkillLevelsEditorProps) {
  const { t } = useTranslation();
  const listId = useId();
  const set = (index: number, patch: Partial<SkillLevel>) => onChange(value.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <Stack gap="xs" role="group" aria-label={label}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <datalist id={listId}>
        {suggestions.map((skill) => (
          <option key={skill} value={skill} />
        ))}
      </datalist>
      {value.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('admin.teams.noSkills')}
        </Text>
      ) : null}
      {value.map((row, index) => (
        // Rows have no id of their own; the index is stable while editing this list.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Group key={index} gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            label={t('admin.teams.skill')}
            value={row.skill}
            onChange={(event) => set(index, { skill: event.currentTarget.value })}
            list={listId}
            flex={1}
          />
          <NativeSelect
            label={levelLabel}
            value={String(row.level)}
            onChange={(event) => set(index, { level: Number(event.currentTarget.value) })}
            data={LEVELS.map((level) => ({ value: String(level), label: t('admin.teams.level', { level }) }))}
          />
          <Button
            variant="subtle"
            color="red"
            aria-label={t('admin.teams.removeSkill', { skill: row.skill || String(index + 1) })}
            onClick={() => onChange(value.filter((_, i) => i !== index))}
          >
            {t('admin.common.remove')}
          </Button>
        </Group>
      ))}
      {error ? (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      ) : null}
      <Group>
        <Button variant="default" size="compact-sm" onClick={() => onChange([...value, { skill: '', level: 1 }])}>
          {t('admin.teams.addSkill')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Skill rows as the API's record; blank names are dropped, a repeated name keeps its last level. */
export function skillsRecord(rows: SkillLevel[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of rows) {
    const name = row.skill.trim();
    if (name) out[name] = row.level;
  }
  return out;
}

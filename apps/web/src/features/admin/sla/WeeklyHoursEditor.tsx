import { Button, Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type OpeningHours, WEEKDAYS } from './slaForm';

interface WeeklyHoursEditorProps {
  value: OpeningHours[];
  onChange: (value: OpeningHours[]) => void;
  /** Error for the opening interval at this index of `value`. */
  rowError: (index: number) => string | undefined;
}

/** Weekday names in the UI language; 2024-01-01 was a Monday. */
function weekdayName(weekday: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, weekday)));
}

/** Opening intervals per weekday; a day without any is closed. Times are HH:MM, 24:00 ends a day. */
export function WeeklyHoursEditor({ value, onChange, rowError }: WeeklyHoursEditorProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const set = (index: number, patch: Partial<OpeningHours>) => onChange(value.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  return (
    <Stack gap="xs" role="group" aria-label={t('admin.sla.calendar.hours')}>
      <Text size="sm" fw={500}>
        {t('admin.sla.calendar.hours')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        {WEEKDAYS.map((weekday) => {
          const day = weekdayName(weekday, locale);
          const rows = value.flatMap((row, index) => (row.weekday === weekday ? [{ row, index }] : []));
          return (
            <Paper key={weekday} withBorder p="xs" radius="sm" role="group" aria-label={day}>
              <Group justify="space-between" mb={4}>
                <Text size="sm" fw={600}>
                  {day}
                </Text>
                {rows.length === 0 ? (
                  <Text size="xs" c="dimmed">
                    {t('admin.sla.calendar.closed')}
                  </Text>
                ) : null}
              </Group>
              <Stack gap={6}>
                {rows.map(({ row, index }) => (
                  <Stack key={index} gap={2}>
                    <Group gap={6} wrap="nowrap" align="flex-end">
                      <TextInput
                        size="xs"
                        label={t('admin.sla.calendar.opens')}
                        aria-label={t('admin.sla.calendar.opensOn', { day })}
                        placeholder="09:00"
                        value={row.start}
                        onChange={(event) => set(index, { start: event.currentTarget.value })}
                        w={80}
                      />
                      <TextInput
                        size="xs"
                        label={t('admin.sla.calendar.closes')}
                        aria-label={t('admin.sla.calendar.closesOn', { day })}
                        placeholder="17:00"
                        value={row.end}
                        onChange={(event) => set(index, { end: event.currentTarget.value })}
                        w={80}
                      />
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        aria-label={t('admin.sla.calendar.removeHours', { day })}
                        onClick={() => onChange(value.filter((_, i) => i !== index))}
                      >
                        {t('admin.common.remove')}
                      </Button>
                    </Group>
                    {rowError(index) ? (
                      <Text size="xs" c="red" role="alert">
                        {rowError(index)}
                      </Text>
                    ) : null}
                  </Stack>
                ))}
                <Group>
                  <Button
                    size="compact-xs"
                    variant="default"
                    aria-label={t('admin.sla.calendar.addHoursOn', { day })}
                    onClick={() => onChange([...value, { weekday, start: '09:00', end: '17:00' }])}
                  >
                    {t('admin.sla.calendar.addHours')}
                  </Button>
                </Group>
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}

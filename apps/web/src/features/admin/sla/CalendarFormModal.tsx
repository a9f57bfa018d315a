import { Badge, Button, CloseButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BusinessCalendar, slaAdminApi } from '../../../api/admin-config.api';
import { FormAlert } from '../../../components/FormAlert';
import { checkRequired } from '../../auth/validation';
import { refreshAfterChange } from '../adminQueries';
import { TimeZoneSelect } from '../ui/TimeZoneSelect';
import { useAdminFormErrors } from '../ui/useAdminFormErrors';
import { calendarBody, calendarDraft, invalidHours, isDate } from './slaForm';
import { WeeklyHoursEditor } from './WeeklyHoursEditor';

type Field = 'name' | 'timezone';

/** Create or change a business-hours calendar: time zone, weekly opening hours and holidays. */
export function CalendarFormModal({
  calendar,
  defaultZone,
  onClose,
}: {
  calendar: BusinessCalendar | null;
  defaultZone: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => calendarDraft(calendar, defaultZone));
  const [holiday, setHoliday] = useState('');
  const [badRows, setBadRows] = useState<number[]>([]);
  const save = useMutation({
    mutationFn: () =>
      calendar ? slaAdminApi.updateCalendar(calendar.id, calendarBody(draft)) : slaAdminApi.createCalendar(calendarBody(draft)),
    onSuccess: async () => {
      await refreshAfterChange(queryClient, 'sla');
      onClose();
    },
  });
  const errors = useAdminFormErrors<Field>(save.error);
  // The server names problems by path; say in the UI language what is wrong where.
  const rowError = (index: number) =>
    badRows.includes(index) || errors.pathError(`hours.${index}`) ? t('admin.sla.calendar.hourInvalid') : undefined;
  const holidayError = errors.pathError('holidays') ? t('admin.sla.calendar.holidayInvalid') : undefined;

  const addHoliday = () => {
    if (!isDate(holiday)) return;
    setDraft({ ...draft, holidays: [...new Set([...draft.holidays, holiday])].sort() });
    setHoliday('');
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const bad = invalidHours(draft.hours);
    setBadRows(bad);
    const valid = errors.validate({ name: checkRequired(draft.name) });
    if (valid && bad.length === 0 && draft.hours.length > 0) save.mutate();
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={calendar ? t('admin.sla.calendar.editTitle', { name: calendar.name }) : t('admin.sla.calendar.createTitle')}
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {errors.formError ? <FormAlert>{errors.formError}</FormAlert> : null}
          <Group grow align="flex-start">
            <TextInput
              label={t('admin.sla.calendar.name')}
              value={draft.name}
              onChange={(event) => setDraft({ ...draft, name: event.currentTarget.value })}
              error={errors.fieldError('name')}
              required
              data-autofocus
            />
            <TimeZoneSelect
              label={t('admin.common.timezone')}
              value={draft.timezone}
              onChange={(timezone) => setDraft({ ...draft, timezone })}
              error={errors.pathError('timezone') ? t('admin.sla.calendar.timezoneInvalid') : undefined}
            />
          </Group>
          <WeeklyHoursEditor value={draft.hours} onChange={(hours) => setDraft({ ...draft, hours })} rowError={rowError} />
          {draft.hours.length === 0 ? (
            <Text size="sm" c="red" role="alert">
              {t('admin.sla.calendar.hoursRequired')}
            </Text>
          ) : null}
          <Stack gap="xs">
            <Group gap="xs" align="flex-end">
              <TextInput
                type="date"
                label={t('admin.sla.calendar.holiday')}
                description={t('admin.sla.calendar.holidayHint')}
                value={holiday}
                onChange={(event) => setHoliday(event.currentTarget.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') {
                    event.preventDefault();
                    addHoliday();
                  }
                }}
                error={holidayError}
              />
              <Button variant="default" onClick={addHoliday} disabled={!isDate(holiday)}>
                {t('admin.sla.calendar.addHoliday')}
              </Button>
            </Group>
            <Group gap={6} aria-label={t('admin.sla.calendar.holidays')} role="list">
              {draft.holidays.map((date) => (
                <Badge
                  key={date}
                  role="listitem"
                  variant="light"
                  rightSection={
                    <CloseButton
                      size="xs"
                      aria-label={t('admin.sla.calendar.removeHoliday', { date })}
                      onClick={() => setDraft({ ...draft, holidays: draft.holidays.filter((d) => d !== date) })}
                    />
                  }
                >
                  {date}
                </Badge>
              ))}
            </Group>
          </Stack>
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

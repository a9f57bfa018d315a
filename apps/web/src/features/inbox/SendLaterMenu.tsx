import { ActionIcon, Button, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { safeTimeZone, useFormat } from '../../i18n/format';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { parseLocalInput, presetTime, type SchedulePreset, toLocalInput } from './scheduleTimes';

const PRESETS: readonly SchedulePreset[] = ['inHour', 'tomorrowMorning', 'nextMonday'];

/** The ▾ beside Send: presets and a picker, all in the agent's own time zone. */
export function SendLaterMenu({ disabled, onSchedule }: { disabled: boolean; onSchedule: (at: Date) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const zone = safeTimeZone(useCurrentUser().timezone) ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [picking, setPicking] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const openPicker = () => {
    setValue(toLocalInput(presetTime('inHour', new Date(), zone), zone));
    setError(null);
    setPicking(true);
  };
  const confirm = () => {
    const at = parseLocalInput(value, zone);
    if (!at || at.getTime() <= Date.now()) {
      setError(t('composer.schedule.past'));
      return;
    }
    setPicking(false);
    onSchedule(at);
  };

  return (
    <>
      <Menu position="top-end" withinPortal hideDetached={false}>
        <Menu.Target>
          <ActionIcon
            variant="default"
            size="lg"
            disabled={disabled}
            aria-label={t('composer.schedule.menu')}
            title={t('composer.sendLater')}
          >
            ⏱
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('composer.sendLater')}</Menu.Label>
          {PRESETS.map((preset) => {
            const at = presetTime(preset, new Date(), zone);
            return (
              <Menu.Item key={preset} onClick={() => onSchedule(at)}>
                {t(`composer.schedule.${preset}`)}
                <Text span size="xs" c="dimmed" ml="xs">
                  {format.dateTime(at.toISOString())}
                </Text>
              </Menu.Item>
            );
          })}
          <Menu.Divider />
          <Menu.Item onClick={openPicker}>{t('composer.schedule.custom')}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={picking} onClose={() => setPicking(false)} title={t('composer.sendLater')}>
        <Stack gap="sm">
          <TextInput
            type="datetime-local"
            label={t('composer.schedule.at')}
            description={t('composer.schedule.zoneHint', { zone })}
            value={value}
            onChange={(e) => {
              setValue(e.currentTarget.value);
              setError(null);
            }}
            error={error}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setPicking(false)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={confirm}>{t('composer.schedule.confirm')}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

import { Select } from '@mantine/core';
import { useMemo } from 'react';

interface TimeZoneSelectProps {
  label: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}

/** Every IANA zone the browser knows (plus the current value, should it be unknown here). */
export function timeZones(current?: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = new Set(['UTC', ...zones]);
  if (current) all.add(current);
  return [...all].sort();
}

/** A searchable select of time zones: type "Berl" to find Europe/Berlin. */
export function TimeZoneSelect({ label, description, value, onChange, error }: TimeZoneSelectProps) {
  const data = useMemo(() => timeZones(value), [value]);
  return (
    <Select
      label={label}
      description={description}
      data={data}
      value={value}
      onChange={(next) => next && onChange(next)}
      searchable
      allowDeselect={false}
      maxDropdownHeight={280}
      error={error}
      required
    />
  );
}

import {
  type ChannelPreference,
  DEFAULT_NOTIFICATION_PREFERENCES,
  NOTIFICATION_KINDS,
  type NotificationKind,
} from '@switchboard/contracts';

export type PreferenceMap = Record<NotificationKind, ChannelPreference>;

/** Stored switches over the defaults; unknown kinds (from an older version) are dropped. */
export function resolvePreferences(stored: Record<string, Partial<ChannelPreference>> | null | undefined): PreferenceMap {
  const out = {} as PreferenceMap;
  for (const kind of NOTIFICATION_KINDS) {
    const given = stored?.[kind];
    const base = DEFAULT_NOTIFICATION_PREFERENCES[kind];
    out[kind] = {
      inApp: typeof given?.inApp === 'boolean' ? given.inApp : base.inApp,
      email: typeof given?.email === 'boolean' ? given.email : base.email,
    };
  }
  return out;
}

/** The complete map after applying a partial update. */
export function applyPreferenceUpdate(
  stored: Record<string, Partial<ChannelPreference>> | null | undefined,
  update: Partial<Record<NotificationKind, ChannelPreference>>,
): PreferenceMap {
  const current = resolvePreferences(stored);
  for (const kind of NOTIFICATION_KINDS) {
    const next = update[kind];
    if (next) current[kind] = { inApp: next.inApp, email: next.email };
  }
  return current;
}

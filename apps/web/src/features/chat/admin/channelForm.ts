import type { Channel, CreateChannelBody, PreChatField, WebChatSettings } from '../../../api/chat.api';

export type LocaleTexts = { en: string; 'zh-CN': string };
export type PreChatKind = PreChatField['kind'];
export const PRE_CHAT_KINDS: readonly PreChatKind[] = ['name', 'email', 'phone', 'text', 'textarea'];

export interface PreChatDraft {
  key: string;
  kind: PreChatKind;
  label: LocaleTexts;
  required: boolean;
  pattern: string;
}

/** The form's state: numbers stay strings while typed, origins one per line. */
export interface ChannelDraft {
  name: string;
  enabled: boolean;
  color: string;
  position: 'left' | 'right';
  greeting: LocaleTexts;
  avatarUrl: string;
  defaultLanguage: 'en' | 'zh-CN';
  calendarId: string | null;
  teamId: string | null;
  preChatFields: PreChatDraft[];
  allowedOrigins: string;
  idleTimeoutMinutes: string;
  maxMessageLength: string;
  offerTimeoutSeconds: string;
  maxChatsPerAgent: string;
  attachmentsEnabled: boolean;
}

/** Limits of the numeric settings, as the server's WebChatSettings schema has them. */
export const NUMBER_LIMITS = {
  idleTimeoutMinutes: [1, 24 * 60],
  maxMessageLength: [1, 10_000],
  offerTimeoutSeconds: [5, 600],
  maxChatsPerAgent: [1, 50],
} as const;
type NumberField = keyof typeof NUMBER_LIMITS;

const DEFAULTS: WebChatSettings = {
  color: '#1f6feb',
  position: 'right',
  greeting: {},
  avatarUrl: null,
  defaultLanguage: 'en',
  calendarId: null,
  preChatFields: [],
  teamId: null,
  allowedOrigins: [],
  idleTimeoutMinutes: 30,
  maxMessageLength: 2000,
  offerTimeoutSeconds: 30,
  maxChatsPerAgent: 3,
  attachmentsEnabled: true,
};

const texts = (record: Record<string, string> | undefined): LocaleTexts => ({ en: record?.en ?? '', 'zh-CN': record?.['zh-CN'] ?? '' });

export function channelDraft(channel: Channel | null): ChannelDraft {
  const s = { ...DEFAULTS, ...(channel?.settings as Partial<WebChatSettings> | undefined) };
  return {
    name: channel?.name ?? '',
    enabled: channel?.enabled ?? true,
    color: s.color,
    position: s.position,
    greeting: texts(s.greeting),
    avatarUrl: s.avatarUrl ?? '',
    defaultLanguage: s.defaultLanguage,
    calendarId: s.calendarId,
    teamId: s.teamId,
    preChatFields: s.preChatFields.map((f) => ({
      key: f.key,
      kind: f.kind,
      label: texts(f.label),
      required: f.required,
      pattern: f.pattern ?? '',
    })),
    allowedOrigins: s.allowedOrigins.join('\n'),
    idleTimeoutMinutes: String(s.idleTimeoutMinutes),
    maxMessageLength: String(s.maxMessageLength),
    offerTimeoutSeconds: String(s.offerTimeoutSeconds),
    maxChatsPerAgent: String(s.maxChatsPerAgent),
    attachmentsEnabled: s.attachmentsEnabled,
  };
}

export const emptyPreChatField = (kind: PreChatKind = 'name'): PreChatDraft => ({
  key: kind === 'text' || kind === 'textarea' ? '' : kind,
  kind,
  label: { en: '', 'zh-CN': '' },
  required: false,
  pattern: '',
});

/** Only filled-in translations are sent; the widget falls back to English. */
function localeBody(value: LocaleTexts): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [locale, text] of Object.entries(value)) if (text.trim()) out[locale] = text.trim();
  return out;
}

export function originsOf(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean);
}

/** Settings as the API takes them; keys this form does not know are kept as they were. */
export function settingsBody(draft: ChannelDraft, previous: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...previous,
    color: draft.color.trim(),
    position: draft.position,
    greeting: localeBody(draft.greeting),
    avatarUrl: draft.avatarUrl.trim() || null,
    defaultLanguage: draft.defaultLanguage,
    calendarId: draft.calendarId,
    teamId: draft.teamId,
    preChatFields: draft.preChatFields.map((f) => ({
      key: f.key.trim(),
      kind: f.kind,
      label: localeBody(f.label),
      required: f.required,
      pattern: f.pattern.trim() || null,
    })),
    allowedOrigins: originsOf(draft.allowedOrigins),
    idleTimeoutMinutes: Number(draft.idleTimeoutMinutes),
    maxMessageLength: Number(draft.maxMessageLength),
    offerTimeoutSeconds: Number(draft.offerTimeoutSeconds),
    maxChatsPerAgent: Number(draft.maxChatsPerAgent),
    attachmentsEnabled: draft.attachmentsEnabled,
  };
}

export function createBody(draft: ChannelDraft): CreateChannelBody {
  return { kind: 'web_chat', name: draft.name.trim(), enabled: draft.enabled, settings: settingsBody(draft) };
}

/** Error keys under `chat.admin.errors`, by field path (`name`, `preChatFields.2.pattern`, ...). */
export type ChannelErrors = Record<string, string>;

const HEX = /^#[0-9a-fA-F]{6}$/;
const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i;
const FIELD_KEY = /^[a-z][a-z0-9_]*$/;

function validRegex(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

function validUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function checkPreChat(fields: readonly PreChatDraft[], errors: ChannelErrors): void {
  const seen = new Set<string>();
  fields.forEach((field, i) => {
    const key = field.key.trim();
    if (!key) errors[`preChatFields.${i}.key`] = 'required';
    else if (!FIELD_KEY.test(key) || key.length > 40) errors[`preChatFields.${i}.key`] = 'fieldKey';
    else if (seen.has(key)) errors[`preChatFields.${i}.key`] = 'duplicateKey';
    seen.add(key);
    if (!field.label.en.trim()) errors[`preChatFields.${i}.label`] = 'required';
    if (field.pattern.trim() && !validRegex(field.pattern.trim())) errors[`preChatFields.${i}.pattern`] = 'pattern';
  });
}

/** The same rules as the server, so admins see problems before saving. Empty = valid. */
export function validateChannel(draft: ChannelDraft): ChannelErrors {
  const errors: ChannelErrors = {};
  if (!draft.name.trim()) errors.name = 'required';
  if (!HEX.test(draft.color.trim())) errors.color = 'color';
  if (draft.avatarUrl.trim() && !validUrl(draft.avatarUrl.trim())) errors.avatarUrl = 'url';
  const origins = originsOf(draft.allowedOrigins);
  if (origins.some((o) => !ORIGIN.test(o))) errors.allowedOrigins = 'origin';
  else if (origins.length > 50) errors.allowedOrigins = 'tooManyOrigins';
  for (const field of Object.keys(NUMBER_LIMITS) as NumberField[]) {
    const [min, max] = NUMBER_LIMITS[field];
    const value = Number(draft[field]);
    if (!draft[field].trim() || !Number.isInteger(value) || value < min || value > max) errors[field] = 'range';
  }
  if (draft.preChatFields.length > 12) errors.preChatFields = 'tooManyFields';
  checkPreChat(draft.preChatFields, errors);
  return errors;
}

/** `settings.preChatFields.0.pattern` (server) → `preChatFields.0.pattern` (form). */
export function formPath(serverPath: string): string {
  return serverPath.replace(/^(body\.)?(settings\.)?/, '');
}

/** The tag a host page adds; the loader is served by this Switchboard's origin. */
export function embedSnippet(origin: string, publicKey: string): string {
  return `<script src="${origin}/widget/loader.js" data-key="${publicKey}" async></script>`;
}

/** Set before the loader (or call `Switchboard('identify', …)` later) for a signed-in user. */
export function identifySnippet(): string {
  return [
    '<script>',
    '  window.Switchboard = {',
    '    identify: {',
    '      userId: "USER_ID",',
    '      email: "user@example.com",',
    '      name: "User Name",',
    '      hash: "HMAC_SHA256_HEX" // computed on your server',
    '    }',
    '  };',
    '</script>',
  ].join('\n');
}

/** How the host site's server computes `hash` (Node.js). */
export function hmacSnippet(): string {
  return [
    "import { createHmac } from 'node:crypto';",
    '',
    "const hash = createHmac('sha256', process.env.SWITCHBOARD_CHANNEL_SECRET)",
    '  .update(user.id)',
    "  .digest('hex');",
  ].join('\n');
}

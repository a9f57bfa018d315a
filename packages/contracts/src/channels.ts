import { z } from 'zod';
import { LOCALES } from './locales.js';

/**
 * Configured inboxes ("channels"). Settings are validated per kind by the server's channel
 * registry; this file holds the kinds the browser knows about. Email and messaging kinds come
 * later and only add to `CHANNEL_KINDS`.
 */
export const CHANNEL_KINDS = ['web_chat'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export const ChannelKindSchema = z.enum(CHANNEL_KINDS);

const Iso = z.string();
const LocaleText = (max: number) =>
  z
    .record(z.string().max(35), z.string().trim().max(max))
    .refine((v) => Object.keys(v).length <= LOCALES.length + 8, { message: 'Too many locales' });

/** A pre-chat form field: the built-in name/email/phone or a custom one keyed by `key`. */
export const PreChatFieldSchema = z
  .object({
    key: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[a-z][a-z0-9_]*$/, { message: 'Use lowercase letters, digits and _' }),
    kind: z.enum(['name', 'email', 'phone', 'text', 'textarea']),
    /** Label per locale (`en`, `zh-CN`, ...); the widget falls back to `en`, then to the key. */
    label: LocaleText(120),
    required: z.boolean().default(false),
    /** Extra check applied to the trimmed value (JavaScript regex source, no slashes). */
    pattern: z
      .string()
      .max(300)
      .refine(
        (src) => {
          try {
            new RegExp(src, 'u');
            return true;
          } catch {
            return false;
          }
        },
        { message: 'Not a valid regular expression' },
      )
      .nullable()
      .default(null),
  })
  .meta({ id: 'PreChatField' });
export type PreChatField = z.infer<typeof PreChatFieldSchema>;

const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'Use a colour such as #1f6feb' });

/**
 * An allowed origin for the widget: scheme + host (+ port), e.g. `https://shop.example.com`.
 * A leading `*.` allows every subdomain (`https://*.example.com`).
 */
export const AllowedOriginSchema = z
  .string()
  .trim()
  .max(200)
  .regex(/^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i, { message: 'Use an origin such as https://www.example.com' });

/** web_chat channel settings. Defaults make `{}` a working channel. */
export const WebChatSettingsSchema = z
  .object({
    color: HexColor.default('#1f6feb'),
    position: z.enum(['left', 'right']).default('right'),
    /** Greeting shown above the conversation, per locale. */
    greeting: LocaleText(500).default({}),
    avatarUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullable()
      .default(null),
    /** Used when the visitor's browser language is not supported. */
    defaultLanguage: z.enum(LOCALES).default('en'),
    /** A business-hours calendar of the SLA module; null = always open. */
    calendarId: z.uuid().nullable().default(null),
    preChatFields: z.array(PreChatFieldSchema).max(12).default([]),
    /** Incoming chats queue for this team; null = the routing rules (or the whole workspace) decide. */
    teamId: z.uuid().nullable().default(null),
    /** The widget only works on these origins; empty = any origin. */
    allowedOrigins: z.array(AllowedOriginSchema).max(50).default([]),
    /** A chat with no message from either side for this long is ended by the server. */
    idleTimeoutMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    /** Characters per message (the server rejects longer ones with `chat.message_too_long`). */
    maxMessageLength: z.number().int().min(1).max(10_000).default(2000),
    /** How long an agent has to accept an offered chat before it goes to the next agent. */
    offerTimeoutSeconds: z.number().int().min(5).max(600).default(30),
    /** Concurrent live chats one agent is offered at most (their other tickets do not count). */
    maxChatsPerAgent: z.number().int().min(1).max(50).default(3),
    /** Visitors may upload files (images get previews). */
    attachmentsEnabled: z.boolean().default(true),
  })
  .meta({ id: 'WebChatSettings' });
export type WebChatSettings = z.infer<typeof WebChatSettingsSchema>;

export const ChannelConfigSchema = z
  .object({
    id: z.uuid(),
    kind: ChannelKindSchema,
    name: z.string(),
    /** Public, url-safe; what the widget's `<script data-key>` carries. */
    publicKey: z.string(),
    /** Settings of the kind (web_chat: `WebChatSettings`). The secret is never included. */
    settings: z.record(z.string(), z.unknown()),
    enabled: z.boolean(),
    secretRotatedAt: Iso,
    createdAt: Iso,
    updatedAt: Iso,
  })
  .meta({ id: 'ChannelConfig' });
export type ChannelConfig = z.infer<typeof ChannelConfigSchema>;

export const CreateChannelBodySchema = z.object({
  kind: ChannelKindSchema,
  name: z.string().trim().min(1).max(120),
  /** Validated by the kind's settings schema; missing values take its defaults. */
  settings: z.record(z.string(), z.unknown()).default({}),
  enabled: z.boolean().default(true),
});

export const UpdateChannelBodySchema = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  /** Replaces the settings (validated whole by the kind's schema). */
  settings: z.record(z.string(), z.unknown()).optional(),
  enabled: z.boolean().optional(),
});

/** Returned once, on create and on rotation: the secret a host site uses to sign identities. */
export const ChannelWithSecretSchema = z.object({ channel: ChannelConfigSchema, secret: z.string() }).meta({ id: 'ChannelWithSecret' });

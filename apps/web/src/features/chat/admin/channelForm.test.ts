import { describe, expect, it } from 'vitest';
import type { Channel } from '../../../api/chat.api';
import { channelDraft, createBody, embedSnippet, emptyPreChatField, formPath, settingsBody, validateChannel } from './channelForm';

const channel: Channel = {
  id: '00000000-0000-4000-8000-0000000c4a0c',
  kind: 'web_chat',
  name: 'Shop',
  publicKey: 'pk_shop',
  settings: { color: '#ff0000', allowedOrigins: ['https://shop.example.com'], futureSetting: 7, greeting: { en: 'Hi' } },
  enabled: true,
  secretRotatedAt: '2026-01-01T00:00:00Z',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('channel form', () => {
  it('fills defaults for missing settings and keeps unknown ones on save', () => {
    const draft = channelDraft(channel);
    expect(draft).toMatchObject({
      color: '#ff0000',
      position: 'right',
      maxMessageLength: '2000',
      allowedOrigins: 'https://shop.example.com',
    });
    expect(draft.greeting).toEqual({ en: 'Hi', 'zh-CN': '' });
    const body = settingsBody({ ...draft, allowedOrigins: 'https://a.example.com/\n\nhttps://*.b.example.com' }, channel.settings);
    expect(body).toMatchObject({
      futureSetting: 7,
      greeting: { en: 'Hi' },
      allowedOrigins: ['https://a.example.com', 'https://*.b.example.com'],
      maxMessageLength: 2000,
      avatarUrl: null,
    });
  });

  it('accepts the defaults of a new channel once it has a name', () => {
    const draft = channelDraft(null);
    expect(validateChannel(draft)).toEqual({ name: 'required' });
    expect(validateChannel({ ...draft, name: 'Shop' })).toEqual({});
    expect(createBody({ ...draft, name: ' Shop ' })).toMatchObject({ kind: 'web_chat', name: 'Shop', enabled: true });
  });

  it('reports each invalid setting by its path', () => {
    const draft = {
      ...channelDraft(null),
      name: 'Shop',
      color: 'red',
      avatarUrl: 'javascript:alert(1)',
      allowedOrigins: 'https://ok.example.com\nftp://bad',
      offerTimeoutSeconds: '2',
      maxChatsPerAgent: '1.5',
      preChatFields: [
        { ...emptyPreChatField('email'), label: { en: 'Email', 'zh-CN': '' }, pattern: '([' },
        { ...emptyPreChatField('text'), key: 'Order', label: { en: '', 'zh-CN': '' } },
        { ...emptyPreChatField('email'), label: { en: 'Email again', 'zh-CN': '' } },
      ],
    };
    expect(validateChannel(draft)).toEqual({
      color: 'color',
      avatarUrl: 'url',
      allowedOrigins: 'origin',
      offerTimeoutSeconds: 'range',
      maxChatsPerAgent: 'range',
      'preChatFields.0.pattern': 'pattern',
      'preChatFields.1.key': 'fieldKey',
      'preChatFields.1.label': 'required',
      'preChatFields.2.key': 'duplicateKey',
    });
  });

  it('maps server paths to form paths and builds the embed tag', () => {
    expect(formPath('settings.preChatFields.0.pattern')).toBe('preChatFields.0.pattern');
    expect(formPath('name')).toBe('name');
    expect(embedSnippet('https://support.example.com', 'pk_1')).toBe(
      '<script src="https://support.example.com/widget/loader.js" data-key="pk_1" async></script>',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { firstName, placeholderValues, renderPlaceholders } from './macro-placeholders.js';

const values = placeholderValues({
  requester: { name: 'Ada  Lovelace', email: 'ada@example.com' },
  ticket: { number: 1042, subject: 'Refund for order 7', status: 'open' },
  agent: { name: 'Grace Hopper' },
  workspace: { name: 'Acme Support' },
});

describe('renderPlaceholders', () => {
  it('fills every known placeholder', () => {
    const { html, unknown } = renderPlaceholders(
      '<p>Hi {{requester.first_name}} ({{requester.name}}, {{requester.email}}), about #{{ticket.number}} “{{ticket.subject}}” ' +
        '[{{ticket.status}}] — {{agent.name}}, {{workspace.name}}</p>',
      values,
    );
    expect(html).toBe(
      '<p>Hi Ada (Ada  Lovelace, ada@example.com), about #1042 “Refund for order 7” [open] — Grace Hopper, Acme Support</p>',
    );
    expect(unknown).toEqual([]);
  });

  it('accepts spaces inside the braces', () => {
    expect(renderPlaceholders('{{ ticket.number }}/{{  agent.name}}', values).html).toBe('1042/Grace Hopper');
  });

  it('escapes values so a hostile name stays text', () => {
    const hostile = placeholderValues({
      requester: { name: '<img src=x onerror=alert(1)> "Bob" & co', email: null },
      ticket: { number: 1, subject: "<b>it's</b>", status: 'new' },
      agent: { name: 'A' },
      workspace: { name: 'W' },
    });
    const { html } = renderPlaceholders('<a title="{{requester.name}}">{{ticket.subject}}</a>', hostile);
    expect(html).toBe('<a title="&lt;img src=x onerror=alert(1)&gt; &quot;Bob&quot; &amp; co">&lt;b&gt;it&#39;s&lt;/b&gt;</a>');
  });

  it('leaves unknown placeholders visible and lists each once', () => {
    const { html, unknown } = renderPlaceholders('{{ticket.nmber}} {{order.id}} {{ticket.nmber}} {{ticket.number}}', values);
    expect(html).toBe('{{ticket.nmber}} {{order.id}} {{ticket.nmber}} 1042');
    expect(unknown).toEqual(['ticket.nmber', 'order.id']);
  });

  it('renders a missing value (no email) as empty, and ignores text that only looks like braces', () => {
    const noEmail = placeholderValues({
      requester: { name: 'Ada', email: null },
      ticket: { number: 2, subject: 's', status: 'new' },
      agent: { name: 'A' },
      workspace: { name: 'W' },
    });
    expect(renderPlaceholders('[{{requester.email}}] {{ }} {x} {{1abc}}', noEmail)).toEqual({ html: '[] {{ }} {x} {{1abc}}', unknown: [] });
  });

  it('does not re-render placeholders that come from a value', () => {
    const tricky = placeholderValues({
      requester: { name: '{{agent.name}}', email: null },
      ticket: { number: 3, subject: 's', status: 'new' },
      agent: { name: 'Secret Agent' },
      workspace: { name: 'W' },
    });
    expect(renderPlaceholders('{{requester.name}}', tricky).html).toBe('{{agent.name}}');
  });
});

describe('firstName', () => {
  it('takes the first word, or the whole single-word name', () => {
    expect(firstName('  Ada Lovelace ')).toBe('Ada');
    expect(firstName('王小明')).toBe('王小明');
    expect(firstName('')).toBe('');
  });
});

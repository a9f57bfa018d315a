import {
  CHANNELS as CONTRACT_CHANNELS,
  CUSTOM_FIELD_TYPES,
  PERMISSIONS,
  ROUTING_STRATEGIES,
  SYSTEM_ROLES,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
} from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import type { MacroAction } from '../../api/admin-config.api';
import { allowedSections, canOpenAdmin, canOpenSection } from './access';
import { FIELD_TYPES } from './fields/CustomFieldFormModal';
import { fromAction, htmlToText, macroBody, textToHtml, toAction } from './macros/macroForm';
import { groupPermissions, toggleGroup } from './roles/permissionGroups';
import { hasAction, ruleBody, withField } from './routing/ruleForm';
import { STRATEGIES } from './teams/TeamFormModal';
import { fieldKeyFromLabel, keyFromName } from './ui/keys';
import { byPosition, moveItem } from './ui/reorder';
import { CHANNELS, PRIORITIES, STATUSES } from './ui/ticketValues';

describe('admin access', () => {
  const as = (role: keyof typeof SYSTEM_ROLES) => ({ role, permissions: [...SYSTEM_ROLES[role]] });

  it('lets admins in and keeps agents, supervisors and customers out', () => {
    expect(canOpenAdmin(as('admin'))).toBe(true);
    expect(canOpenAdmin(as('agent'))).toBe(false);
    expect(canOpenAdmin(as('supervisor'))).toBe(false);
    expect(canOpenAdmin(as('customer'))).toBe(false);
    // A custom role that somehow carries admin.settings is still refused for customers.
    expect(canOpenAdmin({ role: 'customer', permissions: ['admin.settings'] })).toBe(false);
  });

  it('shows a custom admin role only the sections its permissions cover', () => {
    const settingsOnly = { role: 'ops', permissions: ['admin.settings'] };
    expect(allowedSections(settingsOnly)).toEqual([
      'categories',
      'fields',
      'sla',
      'channels',
      'settings',
      'assistant-qa',
      'assistant-flows',
      'assistant-handoff',
      'assistant-provider',
      'assistant-intents',
    ]);
    expect(canOpenSection(settingsOnly, 'users')).toBe(false);
    expect(allowedSections(as('admin'))).toHaveLength(18);
  });
});

describe('values mirrored from the contracts', () => {
  it('matches the enums the server validates against', () => {
    expect([...PRIORITIES]).toEqual([...TICKET_PRIORITIES]);
    expect([...CHANNELS]).toEqual([...CONTRACT_CHANNELS]);
    expect([...STATUSES]).toEqual([...TICKET_STATUSES]);
    expect([...FIELD_TYPES]).toEqual([...CUSTOM_FIELD_TYPES]);
    expect([...STRATEGIES]).toEqual([...ROUTING_STRATEGIES]);
  });
});

describe('permission picker', () => {
  it('puts every staff permission in exactly one group and leaves out the portal one', () => {
    const groups = groupPermissions(PERMISSIONS);
    const listed = groups.flatMap((g) => g.permissions);
    expect(listed.sort()).toEqual(PERMISSIONS.filter((p) => p !== 'portal.use').sort());
    expect(groups.find((g) => g.group === 'other')).toBeUndefined();
  });

  it('shows permissions it does not know under "other"', () => {
    expect(groupPermissions(['ticket.read', 'billing.refund']).map((g) => g.group)).toEqual(['tickets', 'other']);
  });

  it('toggles a whole group, keeping catalog order', () => {
    const kb = ['kb.read_internal', 'kb.write', 'kb.review', 'kb.publish'];
    const on = toggleGroup(['ticket.reply', 'kb.write'], kb, PERMISSIONS);
    expect(on).toEqual(['ticket.reply', ...kb]);
    expect(toggleGroup(on, kb, PERMISSIONS)).toEqual(['ticket.reply']);
  });
});

describe('reordering', () => {
  const rows = [
    { id: 'a', position: 0 },
    { id: 'b', position: 0 },
    { id: 'c', position: 5 },
  ];

  it('renumbers the list and writes only what changed', () => {
    expect(moveItem(rows, 2, -1)).toEqual([
      { id: 'c', position: 1 },
      { id: 'b', position: 2 },
    ]);
    expect(moveItem(rows, 0, -1)).toEqual([]);
    expect(moveItem(rows, 2, 1)).toEqual([]);
  });

  it('sorts by position, then id', () => {
    expect(
      [...rows]
        .reverse()
        .sort(byPosition)
        .map((r) => r.id),
    ).toEqual(['a', 'b', 'c']);
  });
});

describe('keys from names', () => {
  it('makes role and field keys the server accepts', () => {
    expect(keyFromName('  Billing Team 2 ')).toBe('billing-team-2');
    expect(keyFromName('2nd line')).toBe('nd-line');
    expect(fieldKeyFromLabel('Order number (ERP)')).toBe('order_number_erp');
  });
});

describe('routing rule form', () => {
  it('drops empty conditions, normalizes tags and sends skills with minimum levels', () => {
    const body = ruleBody({
      name: ' VIP ',
      enabled: true,
      conditions: [
        { field: 'tags', op: 'has_any', values: ['VIP', ' vip ', ''] },
        { field: 'priority', op: 'in', values: [] },
      ],
      teamId: '',
      skills: [
        { skill: ' billing ', level: 3 },
        { skill: '', level: 1 },
      ],
    });
    expect(body).toEqual({
      name: 'VIP',
      enabled: true,
      conditions: [{ field: 'tags', op: 'has_any', values: ['vip'] }],
      action: { teamId: null, skills: [{ skill: 'billing', minLevel: 3 }] },
    });
  });

  it('resets the comparison and values when the field changes', () => {
    expect(withField({ field: 'channel', op: 'not_in', values: ['email'] }, 'tags')).toEqual({ field: 'tags', op: 'has_any', values: [] });
    expect(hasAction({ name: 'x', enabled: true, conditions: [], teamId: '', skills: [{ skill: ' ', level: 1 }] })).toBe(false);
  });
});

describe('macro form', () => {
  it('turns text into paragraphs and back, escaping markup and keeping placeholders', () => {
    const html = textToHtml('Hi {{requester.first_name}},\n\n<b>restart</b> it\nplease');
    expect(html).toBe('<p>Hi {{requester.first_name}},</p><p>&lt;b&gt;restart&lt;/b&gt; it<br>please</p>');
    expect(htmlToText(html)).toBe('Hi {{requester.first_name}},\n\n<b>restart</b> it\nplease');
  });

  it('round-trips actions and sends shared macros', () => {
    const actions: MacroAction[] = [
      { type: 'assign_team', value: null },
      { type: 'add_tags', value: ['vip'] },
      { type: 'set_custom_field', value: { key: 'order', value: 42 } },
    ];
    expect(actions.map((a) => toAction(fromAction(a)))).toEqual(actions);
    expect(macroBody({ name: ' Close ', description: '', actions: [{ type: 'set_status', value: 'solved' }] })).toEqual({
      name: 'Close',
      description: null,
      shared: true,
      actions: [{ type: 'set_status', value: 'solved' }],
    });
  });
});

import { type MacroAction, MacroActionsSchema } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { macroChanges, macroMessage, permissionsFor } from './macro-actions.js';

const AGENT = '0190a000-0000-7000-8000-000000000001';
const TEAM = '0190a000-0000-7000-8000-000000000002';

describe('macroChanges', () => {
  it('folds field actions into one change set, resolving "me" to the applying agent', () => {
    const actions: MacroAction[] = [
      { type: 'set_status', value: 'pending' },
      { type: 'set_priority', value: 'high' },
      { type: 'assign_agent', value: 'me' },
      { type: 'assign_team', value: TEAM },
      { type: 'set_category', value: null },
      { type: 'set_custom_field', value: { key: 'order', value: '1234' } },
      { type: 'set_custom_field', value: { key: 'vip', value: true } },
      { type: 'reply', bodyHtml: '<p>Hi</p>' },
    ];
    expect(macroChanges(actions, AGENT)).toEqual({
      status: 'pending',
      priority: 'high',
      assigneeId: AGENT,
      teamId: TEAM,
      categoryId: null,
      customFields: { order: '1234', vip: true },
    });
  });

  it('lets the later of add/remove win for the same tag', () => {
    const c = macroChanges(
      [
        { type: 'add_tags', value: ['refund', 'vip'] },
        { type: 'remove_tags', value: ['vip', 'spam'] },
        { type: 'add_tags', value: ['spam'] },
      ],
      AGENT,
    );
    expect(c).toEqual({ addTags: ['refund', 'spam'], removeTags: ['vip'] });
  });

  it('drops tag lists that cancel out entirely, and has no changes for a canned response', () => {
    expect(
      macroChanges(
        [
          { type: 'add_tags', value: ['x'] },
          { type: 'remove_tags', value: ['x'] },
        ],
        AGENT,
      ),
    ).toEqual({ removeTags: ['x'] });
    expect(macroChanges([{ type: 'reply', bodyHtml: 'Thanks!' }], AGENT)).toEqual({});
  });
});

describe('macroMessage and permissionsFor', () => {
  it('finds the reply or note and asks only for the permissions the macro uses', () => {
    expect(macroMessage([{ type: 'set_priority', value: 'low' }])).toBeNull();
    expect(macroMessage([{ type: 'note', bodyHtml: 'internal' }])).toEqual({ kind: 'note', bodyHtml: 'internal' });
    expect(permissionsFor({}, { kind: 'reply' })).toEqual(['ticket.reply']);
    expect(permissionsFor({ priority: 'low' }, null)).toEqual(['ticket.update']);
    expect(permissionsFor({ assigneeId: null }, { kind: 'note' })).toEqual(['ticket.update', 'ticket.assign', 'ticket.note']);
  });
});

describe('MacroActionsSchema', () => {
  const ok = (actions: unknown) => MacroActionsSchema.safeParse(actions).success;

  it('accepts field actions plus one reply or note', () => {
    expect(
      ok([
        { type: 'set_status', value: 'solved' },
        { type: 'reply', bodyHtml: 'Done, {{requester.first_name}}' },
      ]),
    ).toBe(true);
  });

  it('refuses empty macros, unknown types, bad values and two messages', () => {
    expect(ok([])).toBe(false);
    expect(ok([{ type: 'delete_ticket' }])).toBe(false);
    expect(ok([{ type: 'set_status', value: 'archived' }])).toBe(false);
    expect(ok([{ type: 'assign_agent', value: 'someone' }])).toBe(false);
    expect(ok([{ type: 'add_tags', value: ['has space'] }])).toBe(false);
    expect(ok([{ type: 'reply', bodyHtml: '   ' }])).toBe(false);
    expect(
      ok([
        { type: 'reply', bodyHtml: 'a' },
        { type: 'note', bodyHtml: 'b' },
      ]),
    ).toBe(false);
  });

  it('refuses the same single-valued field twice but allows repeated tags and custom fields', () => {
    expect(
      ok([
        { type: 'set_priority', value: 'low' },
        { type: 'set_priority', value: 'high' },
      ]),
    ).toBe(false);
    expect(
      ok([
        { type: 'add_tags', value: ['a'] },
        { type: 'add_tags', value: ['b'] },
        { type: 'set_custom_field', value: { key: 'a', value: 1 } },
        { type: 'set_custom_field', value: { key: 'b', value: null } },
      ]),
    ).toBe(true);
  });
});

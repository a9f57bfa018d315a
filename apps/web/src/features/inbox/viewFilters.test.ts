import { describe, expect, it } from 'vitest';
import { canEditView, draftFrom, filtersFromParams, viewBodyOf } from './viewFilters';

const localMidnight = (y: number, m: number, d: number) => new Date(y, m - 1, d).toISOString();

describe('view drafts', () => {
  it('saves calendar days as a range whose end is the next midnight, and reads it back the same', () => {
    const draft = draftFrom({ filters: { status: ['open'] } });
    draft.name = '  Recent  ';
    draft.days = { createdFrom: '2026-03-01', createdTo: '2026-03-10', updatedFrom: '', updatedTo: '2026-02-28' };
    const body = viewBodyOf(draft);
    expect(body.name).toBe('Recent');
    expect(body.filters.created).toEqual({ from: localMidnight(2026, 3, 1), to: localMidnight(2026, 3, 11) });
    expect(body.filters.updated).toEqual({ to: localMidnight(2026, 3, 1) });
    expect(draftFrom({ filters: body.filters }).days).toEqual(draft.days);
  });

  it('drops empty lists, a tag mode without tags and emptied custom fields', () => {
    const draft = draftFrom({
      filters: { status: [], priority: ['high'], tagsMode: 'all', customFields: { plan: [], region: ['eu'] } },
      sort: 'not-a-sort',
    });
    expect(draft.sort).toBe('updated_desc');
    expect(viewBodyOf(draft).filters).toEqual({ priority: ['high'], customFields: { region: ['eu'] } });
    draft.filters = { ...draft.filters, tags: ['vip'] };
    expect(viewBodyOf(draft).filters).toMatchObject({ tags: ['vip'], tagsMode: 'all' });
  });

  it('turns a built-in view into saved-view filters', () => {
    expect(filtersFromParams({ assignee: ['me'], status: ['new', 'open'], priority: [] })).toEqual({
      assignee: ['me'],
      status: ['new', 'open'],
    });
  });
});

describe('who may change a view', () => {
  const agent = { id: 'u1', permissions: ['ticket.read'] };
  const supervisor = { id: 'u2', permissions: ['ticket.read', 'ticket.read_all'] };
  it('follows the server: own personal views, shared views only with ticket.read_all', () => {
    expect(canEditView(agent, { shared: false, ownerId: 'u1' })).toBe(true);
    expect(canEditView(agent, { shared: false, ownerId: 'u2' })).toBe(false);
    expect(canEditView(agent, { shared: true, ownerId: null })).toBe(false);
    expect(canEditView(supervisor, { shared: true, ownerId: null })).toBe(true);
  });
});

import { FlowBodySchema } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { validateFlowGraph } from './flow-graph.js';
import { fillJson, fillTemplate, getPath } from './flow-template.js';

const flow = (steps: unknown[], start = 'a') => FlowBodySchema.parse({ name: 'f', trigger: { keywords: ['x'] }, start, steps });

describe('validateFlowGraph', () => {
  it('accepts a connected graph with a reachable end', () => {
    const f = flow([
      { id: 'a', type: 'ask', slot: 'email', prompt: 'Email?', validate: { entity: 'email' }, next: 'b' },
      { id: 'b', type: 'answer', text: 'Thanks {{slots.email}}' },
    ]);
    expect(validateFlowGraph(f)).toEqual([]);
  });

  it('names dangling ids, duplicates, bad regexes and a missing start by path', () => {
    const f = flow([
      { id: 'a', type: 'ask', slot: 's', prompt: 'p', validate: { regex: '(' }, next: 'zzz' },
      { id: 'a', type: 'answer', text: 't' },
      { id: 'c', type: 'branch', conditions: [{ path: 'status', op: 'eq', value: 200, next: 'nope' }], otherwise: 'a' },
    ]);
    const paths = validateFlowGraph(f).map((e) => `${e.path}:${e.code}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'steps.0.validate.regex:invalid_regex',
        'steps.0.next:dangling_step',
        'steps.1.id:duplicate_step',
        'steps.2.conditions.0.next:dangling_step',
      ]),
    );
    expect(validateFlowGraph({ ...f, start: 'missing' }).some((e) => e.path === 'start')).toBe(true);
  });

  it('refuses a loop with no end reachable from start', () => {
    const f = flow([
      { id: 'a', type: 'ask', slot: 's', prompt: 'p', validate: { regex: '.+' }, next: 'b' },
      { id: 'b', type: 'answer', text: 't', next: 'a' },
      { id: 'end', type: 'handoff', reason: 'r' },
    ]);
    expect(validateFlowGraph(f)).toEqual([expect.objectContaining({ path: 'steps', code: 'no_reachable_end' })]);
  });
});

describe('flow templates', () => {
  const data = { slots: { email: 'a@b.co', n: 2 }, result: { status: 200, body: { order: { status: 'shipped', items: ['x'] } } } };
  it('fills placeholders, encodes for URLs and keeps raw values in JSON', () => {
    expect(fillTemplate('{{slots.email}} is {{result.body.order.status}}{{slots.none}}', data)).toBe('a@b.co is shipped');
    expect(fillTemplate('/o?e={{slots.email}}', data, encodeURIComponent)).toBe('/o?e=a%40b.co');
    expect(fillJson({ n: '{{slots.n}}', s: 'n={{slots.n}}', a: ['{{result.status}}'] }, data)).toEqual({ n: 2, s: 'n=2', a: [200] });
    expect(getPath(data.result, '$.body.order.items.0')).toBe('x');
    expect(getPath(data.result, 'body.constructor')).toBeUndefined();
  });
});

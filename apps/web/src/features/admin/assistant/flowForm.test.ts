import { describe, expect, it } from 'vitest';
import type { FlowStep } from '../../../api/assistant.api';
import {
  checkFlowDraft,
  conditionValue,
  emptyStep,
  flowBody,
  flowDraft,
  nextStepId,
  renameStep,
  stepDraft,
  stepFromDraft,
} from './flowForm';

const steps: FlowStep[] = [
  {
    id: 'ask',
    type: 'ask',
    slot: 'order',
    prompt: 'Order?',
    validate: { regex: '^(\\d+)$', flags: 'i' },
    invalid: 'Digits only',
    next: 'call',
  },
  {
    id: 'call',
    type: 'action',
    method: 'POST',
    url: 'https://api.example.com/orders',
    headers: { Authorization: 'Bearer x' },
    body: { order: '{{slots.order}}', n: 1 },
    timeoutMs: 3000,
    next: 'check',
    onError: 'human',
  },
  {
    id: 'check',
    type: 'branch',
    conditions: [
      { path: 'status', op: 'eq', value: 404, next: 'human' },
      { path: 'body.shipped', op: 'exists', next: 'done' },
    ],
    otherwise: 'done',
  },
  { id: 'done', type: 'answer', text: 'Shipped' },
  { id: 'file', type: 'ticket', subject: 'Order {{slots.order}}', text: 'We will write to you.' },
  { id: 'human', type: 'handoff', reason: 'Order lookup failed', teamId: null },
];

describe('flow form', () => {
  it('turns every kind of step into a draft and back unchanged', () => {
    expect(steps.map((step) => stepFromDraft(stepDraft(step)))).toEqual(steps);
  });

  it('renames a step together with every reference to it', () => {
    const draft = renameStep(
      flowDraft({ name: 'x', enabled: true, trigger: { intent: null, keywords: ['a'], qaIds: [] }, start: 'ask', steps }),
      5,
      'agent',
    );
    const body = flowBody(draft);
    expect(body.steps[1]).toMatchObject({ onError: 'agent' });
    expect(body.steps[2]).toMatchObject({ conditions: [{ next: 'agent' }, { next: 'done' }] });
    expect(renameStep(draft, 0, 'first').start).toBe('first');
  });

  it('reports headers and JSON bodies that cannot be sent, at their step', () => {
    const draft = flowDraft(null);
    draft.name = 'Broken';
    draft.keywords = ['go'];
    draft.steps = [{ ...emptyStep('call', 'action'), headers: 'no colon here', body: '{"a":' }];
    expect(checkFlowDraft(draft)).toEqual([
      { path: 'steps.0.headers', code: 'invalid_headers' },
      { path: 'steps.0.body', code: 'invalid_json' },
    ]);
    expect(checkFlowDraft(flowDraft(null)).map((e) => e.code)).toEqual(['required', 'trigger_required']);
  });

  it('types condition values and numbers new steps after the existing ones', () => {
    expect([conditionValue('42'), conditionValue('true'), conditionValue('null'), conditionValue('shipped'), conditionValue('')]).toEqual([
      42,
      true,
      null,
      'shipped',
      '',
    ]);
    expect(nextStepId([emptyStep('step_2'), emptyStep('other')])).toBe('step_3');
  });
});

import type { Flow, FlowBody, FlowStep } from '../../../api/assistant.api';
import { linesOf, toLines } from './lines';

export const STEP_TYPES = ['ask', 'action', 'branch', 'answer', 'ticket', 'handoff'] as const;
export type StepType = (typeof STEP_TYPES)[number];
export const ENTITY_TYPES = ['email', 'order_number', 'date', 'money', 'phone'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const CONDITION_OPS = ['eq', 'neq', 'exists', 'missing', 'gt', 'lt', 'contains'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];
/** Operators that only look at whether the path is there, without a value. */
export const VALUELESS_OPS: readonly ConditionOp[] = ['exists', 'missing'];

export interface ConditionDraft {
  path: string;
  op: ConditionOp;
  /** Typed as text; numbers, true/false and null are sent as such. */
  value: string;
  next: string;
}

/**
 * One step as edited. Every kind's fields live side by side, so switching a step's kind keeps
 * what was typed; `stepFromDraft` sends only the fields of the chosen kind.
 */
export interface StepDraft {
  id: string;
  type: StepType;
  next: string;
  slot: string;
  prompt: string;
  validateKind: 'entity' | 'regex';
  entity: EntityType;
  regex: string;
  flags: string;
  invalid: string;
  method: (typeof HTTP_METHODS)[number];
  url: string;
  /** "Name: value" per line. */
  headers: string;
  /** JSON text; empty = no body. */
  body: string;
  timeoutMs: number | string;
  onError: string;
  conditions: ConditionDraft[];
  otherwise: string;
  text: string;
  subject: string;
  reason: string;
  teamId: string;
}

export interface FlowDraft {
  name: string;
  enabled: boolean;
  intentName: string;
  /** One example phrase per line. */
  intentExamples: string;
  keywords: string[];
  qaIds: string[];
  start: string;
  steps: StepDraft[];
}

/** A client-side or server-side problem at a path of the flow body (`steps.1.next`). */
export interface FlowError {
  path: string;
  code: string;
  message?: string;
}

export function emptyStep(id: string, type: StepType = 'ask'): StepDraft {
  return {
    id,
    type,
    next: '',
    slot: '',
    prompt: '',
    validateKind: 'entity',
    entity: 'email',
    regex: '',
    flags: '',
    invalid: '',
    method: 'POST',
    url: '',
    headers: '',
    body: '',
    timeoutMs: 5000,
    onError: '',
    conditions: [],
    otherwise: '',
    text: '',
    subject: '',
    reason: '',
    teamId: '',
  };
}

export const emptyCondition = (): ConditionDraft => ({ path: '', op: 'eq', value: '', next: '' });

/** The first `step_<n>` id not yet used. */
export function nextStepId(steps: readonly StepDraft[]): string {
  let n = steps.length + 1;
  while (steps.some((step) => step.id === `step_${n}`)) n += 1;
  return `step_${n}`;
}

function valueText(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function stepDraft(step: FlowStep): StepDraft {
  const draft = emptyStep(step.id, step.type);
  switch (step.type) {
    case 'ask':
      return {
        ...draft,
        slot: step.slot,
        prompt: step.prompt,
        invalid: step.invalid ?? '',
        next: step.next,
        ...('entity' in step.validate
          ? { validateKind: 'entity' as const, entity: step.validate.entity }
          : { validateKind: 'regex' as const, regex: step.validate.regex, flags: step.validate.flags ?? '' }),
      };
    case 'action':
      return {
        ...draft,
        method: step.method,
        url: step.url,
        headers: Object.entries(step.headers)
          .map(([name, value]) => `${name}: ${value}`)
          .join('\n'),
        body: step.body === undefined ? '' : JSON.stringify(step.body, null, 2),
        timeoutMs: step.timeoutMs,
        next: step.next,
        onError: step.onError ?? '',
      };
    case 'branch':
      return {
        ...draft,
        conditions: step.conditions.map((c) => ({ path: c.path, op: c.op, value: valueText(c.value), next: c.next })),
        otherwise: step.otherwise,
      };
    case 'answer':
      return { ...draft, text: step.text, next: step.next ?? '' };
    case 'ticket':
      return { ...draft, subject: step.subject, text: step.text };
    case 'handoff':
      return { ...draft, reason: step.reason, teamId: step.teamId ?? '' };
  }
}

export function flowDraft(flow: Pick<Flow, 'name' | 'enabled' | 'trigger' | 'start' | 'steps'> | null): FlowDraft {
  if (!flow) {
    const first = emptyStep('step_1');
    return { name: '', enabled: true, intentName: '', intentExamples: '', keywords: [], qaIds: [], start: first.id, steps: [first] };
  }
  return {
    name: flow.name,
    enabled: flow.enabled,
    intentName: flow.trigger.intent?.name ?? '',
    intentExamples: toLines(flow.trigger.intent?.examples ?? []),
    keywords: flow.trigger.keywords,
    qaIds: flow.trigger.qaIds,
    start: flow.start,
    steps: flow.steps.map(stepDraft),
  };
}

/** "42" → 42, "true" → true, "null" → null; anything else stays text. */
export function conditionValue(text: string): string | number | boolean | null {
  const trimmed = text.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (trimmed === 'null') return null;
  if (trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  return text;
}

const HEADER_LINE = /^([A-Za-z0-9-]{1,64})\s*:\s*(.*)$/;

function parseHeaders(text: string): Record<string, string> | null {
  const headers: Record<string, string> = {};
  for (const line of linesOf(text)) {
    const match = HEADER_LINE.exec(line);
    if (!match?.[1]) return null;
    headers[match[1]] = match[2] ?? '';
  }
  return headers;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (!text.trim()) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** What the form cannot send as typed: headers and JSON bodies that do not parse. */
export function checkFlowDraft(draft: FlowDraft): FlowError[] {
  const errors: FlowError[] = [];
  if (!draft.name.trim()) errors.push({ path: 'name', code: 'required' });
  if (!draft.intentName.trim() && !draft.keywords.length && !draft.qaIds.length) errors.push({ path: 'trigger', code: 'trigger_required' });
  if (draft.intentName.trim() && !linesOf(draft.intentExamples).length) errors.push({ path: 'trigger.intent.examples', code: 'required' });
  draft.steps.forEach((step, i) => {
    if (step.type !== 'action') return;
    if (!parseHeaders(step.headers)) errors.push({ path: `steps.${i}.headers`, code: 'invalid_headers' });
    if (!parseJson(step.body).ok) errors.push({ path: `steps.${i}.body`, code: 'invalid_json' });
  });
  return errors;
}

const optional = (value: string) => (value.trim() ? value.trim() : undefined);

export function stepFromDraft(d: StepDraft): FlowStep {
  const id = d.id.trim();
  switch (d.type) {
    case 'ask':
      return {
        id,
        type: 'ask',
        slot: d.slot.trim(),
        prompt: d.prompt,
        validate: d.validateKind === 'entity' ? { entity: d.entity } : { regex: d.regex, ...(d.flags ? { flags: d.flags } : {}) },
        ...(optional(d.invalid) ? { invalid: d.invalid } : {}),
        next: d.next,
      };
    case 'action': {
      const body = parseJson(d.body);
      return {
        id,
        type: 'action',
        method: d.method,
        url: d.url.trim(),
        headers: parseHeaders(d.headers) ?? {},
        ...(body.ok && body.value !== undefined ? { body: body.value } : {}),
        timeoutMs: typeof d.timeoutMs === 'number' ? d.timeoutMs : 5000,
        next: d.next,
        ...(d.onError ? { onError: d.onError } : {}),
      };
    }
    case 'branch':
      return {
        id,
        type: 'branch',
        conditions: d.conditions.map((c) => ({
          path: c.path.trim(),
          op: c.op,
          ...(VALUELESS_OPS.includes(c.op) ? {} : { value: conditionValue(c.value) }),
          next: c.next,
        })),
        otherwise: d.otherwise,
      };
    case 'answer':
      return { id, type: 'answer', text: d.text, ...(d.next ? { next: d.next } : {}) };
    case 'ticket':
      return { id, type: 'ticket', subject: d.subject, text: d.text };
    case 'handoff':
      return { id, type: 'handoff', reason: d.reason, teamId: d.teamId || null };
  }
}

export function flowBody(draft: FlowDraft): FlowBody {
  const intentName = draft.intentName.trim();
  return {
    name: draft.name.trim(),
    enabled: draft.enabled,
    trigger: {
      intent: intentName ? { name: intentName, examples: linesOf(draft.intentExamples) } : null,
      keywords: draft.keywords.map((k) => k.trim()).filter(Boolean),
      qaIds: draft.qaIds,
    },
    start: draft.start,
    steps: draft.steps.map(stepFromDraft),
  };
}

/** Renames a step and every reference to it (start, next, branches, onError). */
export function renameStep(draft: FlowDraft, index: number, id: string): FlowDraft {
  const old = draft.steps[index]?.id;
  const swap = (ref: string) => (old && ref === old ? id : ref);
  return {
    ...draft,
    start: swap(draft.start),
    steps: draft.steps.map((step, i) => ({
      ...step,
      id: i === index ? id : step.id,
      next: swap(step.next),
      onError: swap(step.onError),
      otherwise: swap(step.otherwise),
      conditions: step.conditions.map((c) => ({ ...c, next: swap(c.next) })),
    })),
  };
}

/** Errors at `prefix` or below it, e.g. `steps.1` matches `steps.1.next`. */
export function errorsAt(errors: readonly FlowError[], prefix: string): FlowError[] {
  return errors.filter((e) => e.path === prefix || e.path.startsWith(`${prefix}.`));
}

import { extractEntities } from '@switchboard/assistant-engine';
import type { FlowStep } from '@switchboard/contracts';
import { findHandoffRequest } from '../handoff-keywords.js';
import { type FlowData, fillJson, fillTemplate, getPath } from './flow-template.js';
import type { FlowRow, RunRow } from './flows.repo.js';
import { ActionRefused, safeFetch } from './safe-fetch.js';

/** What running a flow produced this turn: messages for the visitor and how the turn ends. */
export interface FlowOutcome {
  texts: string[];
  end:
    | { kind: 'wait' }
    | { kind: 'done' }
    | { kind: 'ticket'; subject: string }
    | { kind: 'handoff'; reason: string; teamId: string | null };
  run: Omit<RunRow, 'updatedAt'>;
}

/** Steps executed in one turn at most (a graph looping through actions and branches stops here). */
const MAX_STEPS = 25;

/** The slot value in `text`, or undefined when it does not validate. */
export function slotValue(step: Extract<FlowStep, { type: 'ask' }>, text: string, now = new Date()): unknown {
  if ('entity' in step.validate) {
    const type = step.validate.entity;
    const hit = extractEntities(text, { now }).find((e) => e.type === type);
    return hit ? hit.value : undefined;
  }
  const m = new RegExp(step.validate.regex, step.validate.flags ?? '').exec(text.trim());
  return m ? (m[1] ?? m[0]) : undefined;
}

function holds(c: { path: string; op: string; value?: unknown }, data: FlowData): boolean {
  const v = getPath(data.result, c.path);
  switch (c.op) {
    case 'exists':
      return v !== undefined && v !== null;
    case 'missing':
      return v === undefined || v === null;
    case 'eq':
      return v === c.value || (v !== undefined && v !== null && String(v) === String(c.value));
    case 'neq':
      return !(v === c.value || (v !== undefined && v !== null && String(v) === String(c.value)));
    case 'gt':
      return Number(v) > Number(c.value);
    case 'lt':
      return Number(v) < Number(c.value);
    case 'contains':
      return Array.isArray(v) ? v.some((x) => String(x) === String(c.value)) : String(v ?? '').includes(String(c.value ?? ''));
    default:
      return false;
  }
}

/** Does this message start (or resume) the flow by its keywords? */
export const keywordTriggers = (flow: FlowRow, text: string) =>
  flow.trigger.keywords.length > 0 && findHandoffRequest(text, flow.trigger.keywords, false) !== null;

/**
 * Runs a flow from the run's current step until it needs the visitor again (ask) or ends
 * (answer without next, ticket, handoff). Actions are called here, under the SSRF rules.
 */
export async function runFlow(flow: FlowRow, run: Omit<RunRow, 'updatedAt'>, allowHosts: readonly string[]): Promise<FlowOutcome> {
  const steps = new Map(flow.steps.map((s) => [s.id, s]));
  const texts: string[] = [];
  const data: FlowData = { slots: run.slots, result: run.result ?? null };
  let stepId = run.stepId;
  const finish = (end: FlowOutcome['end']): FlowOutcome => ({
    texts,
    end,
    run: { ...run, stepId, result: data.result, status: end.kind === 'wait' ? 'active' : 'done' },
  });
  for (let i = 0; i < MAX_STEPS; i++) {
    const step = steps.get(stepId);
    if (!step) return finish({ kind: 'handoff', reason: `flow "${flow.name}" has no step "${stepId}"`, teamId: null });
    switch (step.type) {
      case 'ask':
        if (step.slot in data.slots) {
          stepId = step.next;
          continue;
        }
        texts.push(fillTemplate(step.prompt, data));
        return finish({ kind: 'wait' });
      case 'action':
        try {
          const headers = Object.fromEntries(Object.entries(step.headers).map(([k, v]) => [k, fillTemplate(v, data)]));
          const body = step.body === undefined ? undefined : JSON.stringify(fillJson(step.body, data));
          if (body !== undefined) headers['content-type'] ??= 'application/json';
          data.result = await safeFetch({
            method: step.method,
            url: fillTemplate(step.url, data, encodeURIComponent),
            headers,
            body,
            timeoutMs: step.timeoutMs,
            allowHosts,
          });
          stepId = step.next;
        } catch (err) {
          const why = err instanceof ActionRefused ? err.message : 'the call failed';
          data.result = { status: 0, body: { error: err instanceof ActionRefused ? err.reason : 'network', message: why } };
          if (step.onError) {
            stepId = step.onError;
            continue;
          }
          return finish({ kind: 'handoff', reason: `flow "${flow.name}": action "${step.id}" failed: ${why}`, teamId: null });
        }
        continue;
      case 'branch':
        stepId = step.conditions.find((c) => holds(c, data))?.next ?? step.otherwise;
        continue;
      case 'answer':
        texts.push(fillTemplate(step.text, data));
        if (!step.next) return finish({ kind: 'done' });
        stepId = step.next;
        continue;
      case 'ticket':
        texts.push(fillTemplate(step.text, data));
        return finish({ kind: 'ticket', subject: fillTemplate(step.subject, data).slice(0, 200) });
      case 'handoff':
        return finish({ kind: 'handoff', reason: `flow "${flow.name}": ${fillTemplate(step.reason, data)}`, teamId: step.teamId });
    }
  }
  return finish({ kind: 'handoff', reason: `flow "${flow.name}" ran ${MAX_STEPS} steps without waiting for the visitor`, teamId: null });
}

import type { FieldError, FlowBody, FlowStep } from '@switchboard/contracts';

/** The step ids a step can go to next, with the field that names each. */
export function successors(step: FlowStep): Array<{ field: string; id: string }> {
  switch (step.type) {
    case 'ask':
      return [{ field: 'next', id: step.next }];
    case 'action':
      return [{ field: 'next', id: step.next }, ...(step.onError ? [{ field: 'onError', id: step.onError }] : [])];
    case 'branch':
      return [
        ...step.conditions.map((c, i) => ({ field: `conditions.${i}.next`, id: c.next })),
        { field: 'otherwise', id: step.otherwise },
      ];
    case 'answer':
      return step.next ? [{ field: 'next', id: step.next }] : [];
    default:
      return [];
  }
}

const isEnd = (s: FlowStep) => successors(s).length === 0;

/**
 * What is wrong with a flow's step graph: duplicate step ids, references to steps that do not
 * exist (start included), invalid regexes, and a start from which no end step (answer without
 * next, ticket, handoff) can be reached. Paths point at the offending field.
 */
export function validateFlowGraph(flow: Pick<FlowBody, 'start' | 'steps'>): FieldError[] {
  const errors: FieldError[] = [];
  const byId = new Map<string, FlowStep>();
  flow.steps.forEach((s, i) => {
    if (byId.has(s.id)) errors.push({ path: `steps.${i}.id`, message: `Duplicate step id "${s.id}"`, code: 'duplicate_step' });
    else byId.set(s.id, s);
    if (s.type === 'ask' && 'regex' in s.validate) {
      try {
        new RegExp(s.validate.regex, s.validate.flags ?? '');
      } catch {
        errors.push({ path: `steps.${i}.validate.regex`, message: 'Not a valid regular expression', code: 'invalid_regex' });
      }
    }
    for (const { field, id } of successors(s)) {
      if (!flow.steps.some((o) => o.id === id))
        errors.push({ path: `steps.${i}.${field}`, message: `No step "${id}"`, code: 'dangling_step' });
    }
  });
  if (!byId.has(flow.start)) errors.push({ path: 'start', message: `No step "${flow.start}"`, code: 'dangling_step' });
  // Unknown ids are the cause; an unreachable end would only repeat them.
  if (errors.length) return errors;
  // Reachable end: breadth-first from start.
  const seen = new Set<string>([flow.start]);
  const queue = [flow.start];
  let end = false;
  while (queue.length) {
    const step = byId.get(queue.shift() as string);
    if (!step) continue;
    if (isEnd(step)) end = true;
    for (const { id } of successors(step)) {
      if (!seen.has(id)) {
        seen.add(id);
        queue.push(id);
      }
    }
  }
  if (!end)
    errors.push({ path: 'steps', message: 'No end step (answer, ticket or handoff) is reachable from start', code: 'no_reachable_end' });
  return errors;
}

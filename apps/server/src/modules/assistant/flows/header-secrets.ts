import type { FlowBody, FlowStep } from '@switchboard/contracts';
import { invalid } from '../../../platform/errors.js';

/**
 * Credentials in flow action headers (`Authorization: Bearer …`, `X-Api-Key`) are sealed with the
 * platform key before they are stored, shown to admins only as MASK, and opened just before the
 * action is called. Saving a flow with MASK keeps the stored value.
 */
export const MASK = '••••••••';
const SEALED = 'sealed:';
const SENSITIVE = /^(authorization|proxy-authorization|cookie)$|token|secret|key|passw|signature|auth/i;

export const isSensitiveHeader = (name: string) => SENSITIVE.test(name);

interface Sealer {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

type Steps = FlowBody['steps'];

const mapHeaders = (
  steps: Steps,
  fn: (step: Extract<FlowStep, { type: 'action' }>, index: number, name: string, value: string) => string,
): Steps =>
  steps.map((step, index) =>
    step.type === 'action'
      ? { ...step, headers: Object.fromEntries(Object.entries(step.headers).map(([name, value]) => [name, fn(step, index, name, value)])) }
      : step,
  );

/** What an admin sees: sensitive header values masked (sealed or not). */
export function maskHeaders(steps: Steps): Steps {
  return mapHeaders(steps, (_s, _i, name, value) => (isSensitiveHeader(name) && value !== '' ? MASK : value));
}

/**
 * The steps to store: new sensitive values sealed; MASK replaced by the value stored before for
 * the same step and header (400 at the header when there is none, e.g. a renamed header).
 */
export function sealHeaders(steps: Steps, before: Steps | null, sealer: Sealer): Steps {
  const previous = new Map<string, string>();
  for (const step of before ?? []) {
    if (step.type !== 'action') continue;
    for (const [name, value] of Object.entries(step.headers)) previous.set(`${step.id}\n${name.toLowerCase()}`, value);
  }
  return mapHeaders(steps, (step, index, name, value) => {
    if (!isSensitiveHeader(name) || value === '') return value;
    if (value === MASK) {
      const kept = previous.get(`${step.id}\n${name.toLowerCase()}`);
      if (kept === undefined || kept === MASK) {
        throw invalid(`steps.${index}.headers.${name}`, 'Enter this header value again', 'secret_missing');
      }
      return kept.startsWith(SEALED) ? kept : SEALED + sealer.encrypt(kept);
    }
    return value.startsWith(SEALED) ? value : SEALED + sealer.encrypt(value);
  });
}

/** The steps with sealed values opened, for the action call (in memory only). */
export function openHeaders<T extends { steps: Steps }>(flow: T, sealer: Pick<Sealer, 'decrypt'>): T {
  return {
    ...flow,
    steps: mapHeaders(flow.steps, (_s, _i, _name, value) =>
      value.startsWith(SEALED) ? sealer.decrypt(value.slice(SEALED.length)) : value,
    ),
  };
}

/** `{{slots.x}}` / `{{result.body.y}}` placeholders over a flow's data, and dotted-path lookups. */

export interface FlowData {
  slots: Record<string, unknown>;
  result: { status: number; body: unknown } | null;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;
const ONLY = /^\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}$/;

/** Looks up `a.b.0.c` (a leading `$.` is allowed); undefined when any part is missing. */
export function getPath(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const part of path
    .replace(/^\$\.?/, '')
    .split('.')
    .filter(Boolean)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.hasOwn(cur as object, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

const asText = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function fillTemplate(template: string, data: FlowData, encode: (s: string) => string = (s) => s): string {
  return template.replace(PLACEHOLDER, (_m, path: string) => encode(asText(getPath(data, path))));
}

/** Fills every string in a JSON value; a string that is only a placeholder takes the raw value. */
export function fillJson(value: unknown, data: FlowData): unknown {
  if (typeof value === 'string') {
    const only = ONLY.exec(value);
    return only ? (getPath(data, only[1] as string) ?? null) : fillTemplate(value, data);
  }
  if (Array.isArray(value)) return value.map((v) => fillJson(v, data));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillJson(v, data)]));
  return value;
}

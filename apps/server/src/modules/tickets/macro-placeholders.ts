import { escapeHtml } from '../../platform/html.js';

/** The placeholders a macro body may use. */
export const PLACEHOLDERS = [
  'requester.name',
  'requester.first_name',
  'requester.email',
  'ticket.number',
  'ticket.subject',
  'ticket.status',
  'agent.name',
  'workspace.name',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Record<Placeholder, string | number | null>;

const KNOWN: ReadonlySet<string> = new Set(PLACEHOLDERS);
/** `{{ name }}` with optional spaces; names are dotted identifiers. */
const PATTERN = /\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g;

export interface PlaceholderSource {
  requester: { name: string; email: string | null };
  ticket: { number: number; subject: string; status: string };
  agent: { name: string };
  workspace: { name: string };
}

/** The first word of a name ("Ada Lovelace" → "Ada"); the whole name when it has no spaces. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/u)[0] ?? '';
}

export function placeholderValues(s: PlaceholderSource): PlaceholderValues {
  return {
    'requester.name': s.requester.name,
    'requester.first_name': firstName(s.requester.name),
    'requester.email': s.requester.email,
    'ticket.number': s.ticket.number,
    'ticket.subject': s.ticket.subject,
    'ticket.status': s.ticket.status,
    'agent.name': s.agent.name,
    'workspace.name': s.workspace.name,
  };
}

/**
 * Fills placeholders in a macro's HTML in one pass, escaping the values (a requester named
 * `<script>` stays text). Unknown placeholders stay in the output so the agent sees them before
 * sending, and are reported once each.
 */
export function renderPlaceholders(html: string, values: PlaceholderValues): { html: string; unknown: string[] } {
  const unknown = new Set<string>();
  const out = html.replace(PATTERN, (whole, name: string) => {
    if (!KNOWN.has(name)) {
      unknown.add(name);
      return whole;
    }
    const value = values[name as Placeholder];
    return value === null ? '' : escapeHtml(String(value));
  });
  return { html: out, unknown: [...unknown] };
}

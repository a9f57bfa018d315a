/**
 * Explicit requests for a person. Latin phrases match as whole words (a hyphen joins words: "user-agent" is not "agent"), case-insensitively;
 * Chinese ones as substrings (no spaces between words). Admins add their own per workspace.
 */
export const BUILTIN_HANDOFF_KEYWORDS: readonly string[] = [
  'human',
  'agent',
  'real person',
  'live person',
  'representative',
  'operator',
  'someone real',
  'talk to a person',
  'speak to a person',
  'customer service',
  '人工',
  '转人工',
  '真人',
  '人工客服',
  '客服人员',
];

const HAN = /\p{Script=Han}/u;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The first keyword the text asks for, or null. `extra` comes from the workspace's settings and handoff rules; `builtin` false = only those. */
export function findHandoffRequest(text: string, extra: readonly string[] = [], builtin = true): string | null {
  const norm = text.normalize('NFKC').toLowerCase();
  for (const raw of [...(builtin ? BUILTIN_HANDOFF_KEYWORDS : []), ...extra]) {
    const keyword = raw.normalize('NFKC').toLowerCase().trim();
    if (!keyword) continue;
    if (HAN.test(keyword)) {
      if (norm.includes(keyword)) return raw;
      continue;
    }
    const words = keyword.split(/\s+/).map(escapeRegExp).join('\\s+');
    if (new RegExp(`(?<![\\p{L}\\p{N}-])${words}s?(?![\\p{L}\\p{N}-])`, 'u').test(norm)) return raw;
  }
  return null;
}

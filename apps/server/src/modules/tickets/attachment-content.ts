/**
 * Pure rules for attachment content: which type a file really is, whether it may be stored,
 * how its name is cleaned, and the headers it is served with.
 */

/** How many leading bytes `sniff` needs. */
export const SNIFF_BYTES = 16;

type Sniffed = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'application/pdf' | 'application/zip' | 'executable';

const startsWith = (head: Buffer, bytes: number[] | string, offset = 0) => {
  const sig = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return head.length >= offset + sig.length && head.subarray(offset, offset + sig.length).equals(sig);
};

/** The type the leading bytes prove, for the formats we can recognise; null when unknown. */
export function sniff(head: Buffer): Sniffed | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, 'GIF87a') || startsWith(head, 'GIF89a')) return 'image/gif';
  if (startsWith(head, 'RIFF') && startsWith(head, 'WEBP', 8)) return 'image/webp';
  if (startsWith(head, '%PDF-')) return 'application/pdf';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'application/zip';
  // Windows PE, ELF, Mach-O (both byte orders, 32/64 bit, universal) and scripts with a shebang.
  if (startsWith(head, 'MZ') || startsWith(head, [0x7f, 0x45, 0x4c, 0x46]) || startsWith(head, '#!')) return 'executable';
  for (const magic of [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe]) {
    if (head.length >= 4 && head.readUInt32BE(0) === magic) return 'executable';
  }
  return null;
}

/**
 * Refused whatever ATTACHMENT_TYPES says: active content a browser would run in our origin,
 * and executables. (`image/*` must never let SVG through.)
 */
const ALWAYS_REFUSED = new Set([
  'text/html',
  'application/xhtml+xml',
  'image/svg+xml',
  'text/xml',
  'application/xml',
  'text/javascript',
  'application/javascript',
  'application/ecmascript',
  'application/x-msdownload',
  'application/x-msdos-program',
  'application/x-dosexec',
  'application/vnd.microsoft.portable-executable',
  'application/x-executable',
  'application/x-elf',
  'application/x-mach-binary',
  'application/x-sh',
  'application/x-csh',
  'application/x-bat',
  'application/x-msi',
  'application/java-archive',
  'application/hta',
  'application/x-httpd-php',
]);

/** Extensions that run when opened on a desktop, whatever the bytes are. */
const DANGEROUS_EXTENSIONS = new Set([
  'exe',
  'dll',
  'com',
  'scr',
  'pif',
  'cpl',
  'msi',
  'msp',
  'bat',
  'cmd',
  'ps1',
  'psm1',
  'vbs',
  'vbe',
  'js',
  'jse',
  'wsf',
  'wsh',
  'hta',
  'html',
  'htm',
  'xhtml',
  'svg',
  'shtml',
  'mht',
  'mhtml',
  'jar',
  'sh',
  'app',
  'lnk',
  'reg',
  'scf',
  'inf',
  'php',
]);

/** Containers whose bytes are a zip file. */
const ZIP_BASED = [
  /^application\/zip$/,
  /^application\/vnd\.openxmlformats-officedocument\./,
  /^application\/vnd\.oasis\.opendocument\./,
  /^application\/epub\+zip$/,
];

/** What generic declarations (curl, some mail clients) most likely meant, by extension. */
const BY_EXTENSION: Record<string, string> = {
  txt: 'text/plain',
  log: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  eml: 'message/rfc822',
};

/** Non-standard names clients still send. */
const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
  'application/x-pdf': 'application/pdf',
  'application/x-zip': 'application/zip',
  // What Windows browsers send for .zip.
  'application/x-zip-compressed': 'application/zip',
};

const GENERIC = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);

export type TypeDecision = { ok: true; contentType: string } | { ok: false; reason: string };

const extensionOf = (filename: string) => /\.([^.]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';

/** `image/*`, `application/vnd.openxmlformats-officedocument.*` or an exact type. */
export function matchesTypePattern(type: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith('*') ? type.startsWith(p.slice(0, -1)) : type === p));
}

export const parseTypePatterns = (list: string) =>
  list
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);

/**
 * The content type a file is stored and served with, or why it is refused. The declared type
 * must agree with the bytes wherever the bytes can be recognised, so a renamed .exe is not a PNG.
 */
export function decideContentType(input: { declared: string; filename: string; head: Buffer; allowed: readonly string[] }): TypeDecision {
  const given = (input.declared.split(';')[0] ?? '').trim().toLowerCase();
  const declared = ALIASES[given] ?? given;
  const ext = extensionOf(input.filename);
  const sniffed = sniff(input.head);
  if (sniffed === 'executable') return { ok: false, reason: 'Executable files are not accepted' };
  if (DANGEROUS_EXTENSIONS.has(ext)) return { ok: false, reason: `Files ending in .${ext} are not accepted` };
  let type = declared;
  if (GENERIC.has(declared)) type = sniffed ?? BY_EXTENSION[ext] ?? 'application/octet-stream';
  else if (sniffed && sniffed !== type && !(sniffed === 'application/zip' && ZIP_BASED.some((re) => re.test(type)))) {
    return { ok: false, reason: `The file content (${sniffed}) does not match its declared type ${type}` };
  } else if (!sniffed && /^image\/(png|jpeg|gif|webp)$|^application\/pdf$|^application\/zip$/.test(type)) {
    return { ok: false, reason: `The file content is not a valid ${type}` };
  }
  if (!/^[a-z0-9][\w.+-]*\/[\w.+-]+$/.test(type)) return { ok: false, reason: 'The declared content type is malformed' };
  if (ALWAYS_REFUSED.has(type) || !matchesTypePattern(type, input.allowed))
    return { ok: false, reason: `Files of type ${type} are not accepted` };
  return { ok: true, contentType: type };
}

const MAX_FILENAME = 200;

/**
 * The name to keep: the last path segment, no control or bidi-override characters, no leading
 * dots, at most 200 characters (the extension kept when shortening). Unicode letters stay.
 */
export function sanitizeFilename(raw: string | undefined): string {
  let name = (raw ?? '').normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  // C0/C1 controls, and bidi overrides that make "exe.pdf" display as something else.
  name = name.replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '');
  name = name
    .replace(/["<>:|?*]/g, '_')
    .trim()
    .replace(/^\.+/, '')
    .trim();
  if (!name) return 'file';
  const chars = [...name];
  if (chars.length <= MAX_FILENAME) return name;
  const ext = extensionOf(name);
  const keep = ext && ext.length <= 16 ? `.${ext}` : '';
  return chars.slice(0, MAX_FILENAME - [...keep].length).join('') + keep;
}

/** `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266 / 8187), safe for any name. */
export function contentDisposition(kind: 'attachment' | 'inline', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Types a browser may show inline from our origin (never SVG: it can carry script). */
export const isPreviewable = (contentType: string) => /^image\/(png|jpeg|gif|webp)$/.test(contentType);

/** Whether an If-None-Match header matches the entity tag `"<sha256>"` (weak comparison). */
export function etagMatches(ifNoneMatch: string | undefined, sha256: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === `"${sha256}"`;
  });
}

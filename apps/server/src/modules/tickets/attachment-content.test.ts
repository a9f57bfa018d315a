import { describe, expect, it } from 'vitest';
import {
  contentDisposition,
  decideContentType,
  etagMatches,
  isPreviewable,
  matchesTypePattern,
  parseTypePatterns,
  sanitizeFilename,
  sniff,
} from './attachment-content.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const GIF = Buffer.from('GIF89a\x01\x00', 'latin1');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([1, 2, 3, 4]), Buffer.from('WEBPVP8 ')]);
const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ', 'latin1');
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0]);
const EXE = Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1');
const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
const MACHO = Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]);
const TEXT = Buffer.from('hello, plain text');

/** The default ATTACHMENT_TYPES. */
const allowed = parseTypePatterns(
  'image/*,text/plain,text/csv,application/pdf,application/zip,application/json,message/rfc822,application/msword,application/vnd.openxmlformats-officedocument.*,application/vnd.ms-excel,application/vnd.oasis.opendocument.*,audio/*,video/*',
);
const decide = (declared: string, filename: string, head: Buffer) => decideContentType({ declared, filename, head, allowed });

describe('sniff', () => {
  it('recognises the common formats by their magic bytes', () => {
    expect([PNG, JPEG, GIF, WEBP, PDF, ZIP].map(sniff)).toEqual([
      'image/png',
      'image/jpeg',
      'image/gif',
      'image/webp',
      'application/pdf',
      'application/zip',
    ]);
  });

  it('flags executables of every platform, and knows nothing about plain text or short input', () => {
    expect([EXE, ELF, MACHO, Buffer.from('#!/bin/sh\n')].map(sniff)).toEqual(['executable', 'executable', 'executable', 'executable']);
    expect(sniff(TEXT)).toBeNull();
    expect(sniff(Buffer.alloc(0))).toBeNull();
    expect(sniff(PNG.subarray(0, 4))).toBeNull();
    // RIFF that is not WEBP (a WAV file) is not an image.
    expect(sniff(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVE')]))).toBeNull();
  });
});

describe('decideContentType', () => {
  it('accepts files whose bytes agree with the declared type', () => {
    expect(decide('image/png', 'a.png', PNG)).toEqual({ ok: true, contentType: 'image/png' });
    expect(decide('application/pdf; name=x', 'a.pdf', PDF)).toEqual({ ok: true, contentType: 'application/pdf' });
    expect(decide('text/plain', 'notes.txt', TEXT)).toEqual({ ok: true, contentType: 'text/plain' });
    expect(decide('image/jpg', 'photo.jpg', JPEG)).toEqual({ ok: true, contentType: 'image/jpeg' });
  });

  it('accepts office documents, which are zip files inside', () => {
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    expect(decide(docx, 'report.docx', ZIP)).toEqual({ ok: true, contentType: docx });
    expect(decide('application/x-zip-compressed', 'a.zip', ZIP)).toEqual({ ok: true, contentType: 'application/zip' });
  });

  it('refuses an executable renamed to .png, and one declared as anything at all', () => {
    expect(decide('image/png', 'cat.png', EXE)).toMatchObject({ ok: false });
    expect(decide('text/plain', 'readme.txt', EXE)).toMatchObject({ ok: false, reason: 'Executable files are not accepted' });
    expect(decide('application/octet-stream', 'x', ELF)).toMatchObject({ ok: false });
  });

  it('refuses bytes that contradict the declared type, or that are missing for a type we can check', () => {
    expect(decide('image/png', 'a.png', JPEG)).toMatchObject({ ok: false });
    expect(decide('text/plain', 'a.txt', PNG)).toMatchObject({ ok: false });
    expect(decide('image/gif', 'a.gif', TEXT)).toMatchObject({ ok: false });
    expect(decide('application/pdf', 'a.pdf', Buffer.alloc(0))).toMatchObject({ ok: false });
    expect(decide('application/java-archive', 'a.zip', ZIP)).toMatchObject({ ok: false });
  });

  it('refuses HTML, SVG and Windows executables even though image/* is allowed', () => {
    for (const type of ['text/html', 'image/svg+xml', 'application/x-msdownload', 'application/xhtml+xml', 'text/javascript']) {
      expect(decide(type, 'file.dat', TEXT), type).toMatchObject({ ok: false });
    }
    expect(decideContentType({ declared: 'image/svg+xml', filename: 'a.dat', head: TEXT, allowed: ['*'] })).toMatchObject({ ok: false });
  });

  it('refuses names that run when opened, whatever the content', () => {
    for (const name of ['invoice.pdf.exe', 'x.HTML', 'run.bat', 'a.svg', 'script.js']) {
      expect(decide('application/pdf', name, PDF), name).toMatchObject({ ok: false });
    }
  });

  it('refuses types outside ATTACHMENT_TYPES and malformed types', () => {
    expect(decide('application/x-tar', 'a.tar', TEXT)).toMatchObject({
      ok: false,
      reason: 'Files of type application/x-tar are not accepted',
    });
    expect(decide('text/plain\r\nx-evil: 1', 'a.txt', TEXT)).toMatchObject({ ok: false });
    expect(decide('nonsense', 'a.txt', TEXT)).toMatchObject({ ok: false });
  });

  it('turns a generic declaration into the sniffed type, or the one the extension names', () => {
    expect(decide('application/octet-stream', 'upload', PNG)).toEqual({ ok: true, contentType: 'image/png' });
    expect(decide('', 'data.csv', TEXT)).toEqual({ ok: true, contentType: 'text/csv' });
    expect(decide('application/octet-stream', 'blob.bin', TEXT)).toMatchObject({ ok: false });
  });
});

describe('matchesTypePattern', () => {
  it('matches exact types and trailing wildcards only', () => {
    expect(matchesTypePattern('image/webp', ['image/*'])).toBe(true);
    expect(matchesTypePattern('application/vnd.oasis.opendocument.text', ['application/vnd.oasis.opendocument.*'])).toBe(true);
    expect(matchesTypePattern('text/plainx', ['text/plain'])).toBe(false);
    expect(matchesTypePattern('video/mp4', [])).toBe(false);
  });
});

describe('sanitizeFilename', () => {
  it('keeps the last path segment and unicode letters', () => {
    expect(sanitizeFilename('C:\\Users\\me\\Desktop\\报告 2024.pdf')).toBe('报告 2024.pdf');
    expect(sanitizeFilename('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFilename('Résumé – final.docx')).toBe('Résumé – final.docx');
  });

  it('strips control and bidi-override characters, leading dots and reserved characters', () => {
    expect(sanitizeFilename('a\u0000b\r\nc.txt')).toBe('abc.txt');
    expect(sanitizeFilename('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitizeFilename('..hidden')).toBe('hidden');
    expect(sanitizeFilename('a"b<c>.txt')).toBe('a_b_c_.txt');
  });

  it('names empty or all-junk names "file"', () => {
    expect(sanitizeFilename(undefined)).toBe('file');
    expect(sanitizeFilename('  /  ')).toBe('file');
    expect(sanitizeFilename('\u0001\u0002')).toBe('file');
  });

  it('cuts to 200 characters (not bytes), keeping the extension', () => {
    const long = sanitizeFilename(`${'字'.repeat(300)}.pdf`);
    expect([...long]).toHaveLength(200);
    expect(long.endsWith('字.pdf')).toBe(true);
    expect(sanitizeFilename('x'.repeat(250))).toHaveLength(200);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('attachment', '报告 (1).pdf')).toBe(
      `attachment; filename="__ (1).pdf"; filename*=UTF-8''%E6%8A%A5%E5%91%8A%20%281%29.pdf`,
    );
    expect(contentDisposition('inline', 'a"b\\c.png')).toBe(`inline; filename="a_b_c.png"; filename*=UTF-8''a%22b%5Cc.png`);
  });
});

describe('isPreviewable and etagMatches', () => {
  it('previews raster images only', () => {
    expect(['image/png', 'image/jpeg', 'image/gif', 'image/webp'].every(isPreviewable)).toBe(true);
    expect(['image/svg+xml', 'application/pdf', 'image/tiff'].some(isPreviewable)).toBe(false);
  });

  it('matches the quoted hash, weak or in a list, and *', () => {
    expect(etagMatches('"abc"', 'abc')).toBe(true);
    expect(etagMatches('W/"abc"', 'abc')).toBe(true);
    expect(etagMatches('"x", "abc"', 'abc')).toBe(true);
    expect(etagMatches('*', 'abc')).toBe(true);
    expect(etagMatches('abc', 'abc')).toBe(false);
    expect(etagMatches(undefined, 'abc')).toBe(false);
  });
});

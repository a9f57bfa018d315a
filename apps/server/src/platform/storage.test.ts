import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyForSha256, LocalDiskStorage, StorageNotFoundError, StorageTooLargeError } from './storage.js';

let dir: string;
let storage: LocalDiskStorage;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-storage-'));
  storage = new LocalDiskStorage(dir);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const hex = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
/** Every regular file under dir, relative, sorted. */
const filesIn = (root: string) =>
  (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)))
    .sort();
/** A stream delivering `chunks` one by one, like a network upload. */
const chunked = (...chunks: string[]) => Readable.from(chunks.map((c) => Buffer.from(c)));

describe('LocalDiskStorage', () => {
  it('stores a stream under ab/cd/<sha256> and reads the same bytes back', async () => {
    const stored = await storage.put(chunked('hello ', 'world'), { maxBytes: 1024 });
    expect(stored).toEqual({ key: keyForSha256(hex('hello world')), sha256: hex('hello world'), size: 11 });
    expect(stored.key).toMatch(/^([0-9a-f]{2})\/([0-9a-f]{2})\/\1\2[0-9a-f]{60}$/);
    expect(await text(await storage.get(stored.key))).toBe('hello world');
    expect(await storage.exists(stored.key)).toBe(true);
    expect(filesIn(dir)).toEqual([path.join(...stored.key.split('/'))]);
  });

  it('keeps the same content once, however often it is stored', async () => {
    const a = await storage.put(chunked('same bytes'), { maxBytes: 100 });
    const b = await storage.put(chunked('same ', 'bytes'), { maxBytes: 100 });
    const c = await storage.put(chunked('other bytes'), { maxBytes: 100 });
    expect(b.key).toBe(a.key);
    expect(c.key).not.toBe(a.key);
    expect(filesIn(dir)).toHaveLength(2);
  });

  it('accepts exactly maxBytes and an empty stream', async () => {
    expect((await storage.put(chunked('12345'), { maxBytes: 5 })).size).toBe(5);
    const empty = await storage.put(Readable.from([]), { maxBytes: 5 });
    expect(empty).toMatchObject({ size: 0, sha256: hex('') });
  });

  it('fails past maxBytes and leaves nothing behind, not even a temp file', async () => {
    const source = chunked('1234', '5678', '9', 'rest', 'of', 'it');
    await expect(storage.put(source, { maxBytes: 8 })).rejects.toBeInstanceOf(StorageTooLargeError);
    expect(filesIn(dir)).toEqual([]);
    // The caller's stream is left alone, so it can drain the rest of a request.
    expect(source.destroyed).toBe(false);
    expect(await text(source)).toBe('restofit');
  });

  it('removes the temp file when the source stream fails half-way', async () => {
    const source = new Readable({
      read() {
        this.push(Buffer.from('partial'));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(storage.put(source, { maxBytes: 1024 })).rejects.toThrow('client went away');
    expect(filesIn(dir)).toEqual([]);
  });

  it('deletes, and treats unknown keys as absent', async () => {
    const { key } = await storage.put(chunked('bye'), { maxBytes: 10 });
    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    await expect(storage.get(key)).rejects.toBeInstanceOf(StorageNotFoundError);
    await storage.delete(key);
  });

  it('refuses keys that are not content keys, so none can escape the directory', async () => {
    for (const key of ['../../etc/passwd', 'ab/cd/../../x', `ab/cd/${'g'.repeat(64)}`, '']) {
      await expect(storage.exists(key), key).rejects.toThrow('invalid storage key');
      await expect(storage.get(key), key).rejects.toThrow('invalid storage key');
    }
  });
});

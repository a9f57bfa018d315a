import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

export interface StoredObject {
  /** Where the bytes live; derived from the content, so equal bytes share one key. */
  key: string;
  sha256: string;
  size: number;
}

/**
 * Where attachment bytes are kept. Objects are immutable and content-addressed: `put` of bytes
 * already stored returns the existing key. Deleting is the caller's decision (it knows whether
 * another record still uses the key).
 */
export interface Storage {
  /**
   * Stores the stream. Past `maxBytes` it fails with StorageTooLargeError and keeps nothing. On
   * any failure the source stream is left as it is (not destroyed), so the caller can drain it.
   */
  put(stream: Readable, opts: { maxBytes: number }): Promise<StoredObject>;
  /** The object's bytes; StorageNotFoundError when the key is unknown. */
  get(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  /** Removes the object; deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
}

export class StorageTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The content exceeds ${maxBytes} bytes`);
    this.name = 'StorageTooLargeError';
  }
}

export class StorageNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored object ${key}`);
    this.name = 'StorageNotFoundError';
  }
}

const KEY_RE = /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/;

/** `ab/cd/abcd…`: two directory levels keep directories small on every file system. */
export const keyForSha256 = (sha256: string) => `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;

/**
 * Files on local disk under `dir`. A put streams into `dir/tmp` while hashing, fsyncs, then
 * renames to the content path and fsyncs the directory: once `put` resolves, a crash loses
 * nothing; before that, only a temp file can be left behind.
 */
export class LocalDiskStorage implements Storage {
  private readonly tmpDir: string;

  constructor(private readonly dir: string) {
    this.tmpDir = path.join(dir, 'tmp');
  }

  async put(stream: Readable, { maxBytes }: { maxBytes: number }): Promise<StoredObject> {
    await fsp.mkdir(this.tmpDir, { recursive: true });
    const tmp = path.join(this.tmpDir, `${randomBytes(12).toString('hex')}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const file = await fsp.open(tmp, 'wx', 0o600);
    try {
      // destroyOnReturn: false -- a failed put must not tear down the caller's stream.
      for await (const chunk of stream.iterator({ destroyOnReturn: false })) {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
        size += buf.length;
        if (size > maxBytes) throw new StorageTooLargeError(maxBytes);
        hash.update(buf);
        await file.write(buf);
      }
      await file.sync();
    } catch (err) {
      await file.close().catch(() => {});
      await fsp.rm(tmp, { force: true });
      throw err;
    }
    await file.close();
    const sha256 = hash.digest('hex');
    const key = keyForSha256(sha256);
    const target = this.pathOf(key);
    try {
      await fsp.mkdir(path.dirname(target), { recursive: true });
      // Same bytes already stored: keep the existing file (its content is identical by hash).
      if (await this.exists(key)) await fsp.rm(tmp, { force: true });
      else await fsp.rename(tmp, target);
      await syncDir(path.dirname(target));
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      throw err;
    }
    return { key, sha256, size };
  }

  async get(key: string): Promise<Readable> {
    try {
      const handle = await fsp.open(this.pathOf(key), 'r');
      return handle.createReadStream();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new StorageNotFoundError(key);
      throw err;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await fsp.stat(this.pathOf(key))).isFile();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathOf(key), { force: true });
  }

  /** Refuses anything but a well-formed key, so no key can point outside `dir`. */
  private pathOf(key: string): string {
    if (!KEY_RE.test(key)) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
    return path.join(this.dir, ...key.split('/'));
  }
}

/** Makes a rename durable. Some platforms cannot fsync a directory; the rename still happened. */
async function syncDir(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, fs.constants.O_RDONLY);
    await handle.sync();
  } catch {
    // EISDIR/EPERM on Windows and some network file systems: nothing better to do.
  } finally {
    await handle?.close().catch(() => {});
  }
}

import { closeSync, existsSync, openSync, unlinkSync } from 'node:fs';
import { chmod, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, StoreIoError } from '../../src/store/index.js';
import { quietLog } from '../pipeline/fakes.js';
import { useTempDir } from './tempDir.js';

// A store path that cannot be written is refused when the store is opened, naming the path,
// rather than found out at the first write while the bot runs on as if healthy.

const tmp = useTempDir();

/** A directory that exists and that not even root may write in (sysfs), if there is one. */
const UNWRITABLE_DIR = (() => {
  const probe = '/sys/estimate-bot-probe';
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
    return null;
  } catch {
    return existsSync('/sys/kernel') ? '/sys' : null;
  }
})();
const isRoot = process.getuid?.() === 0;

describe('a store path that cannot be used', () => {
  it('under a regular file is refused, naming the path', async () => {
    const file = join(tmp.dir, 'not-a-dir');
    await writeFile(file, 'x');
    for (const path of [join(file, 'store.json'), join(file, 'deeper', 'store.json')]) {
      const opening = openStore(path, quietLog());
      await expect(opening).rejects.toBeInstanceOf(StoreIoError);
      await expect(opening).rejects.toThrow(`could not write store file ${path}: its directory `);
      await expect(opening).rejects.toThrow('cannot be created (a file is in the way)');
    }
  });

  it.skipIf(!UNWRITABLE_DIR)('in a directory that cannot be written is refused at once', async () => {
    const path = join(UNWRITABLE_DIR ?? '', 'estimate-bot-test.json');
    const opening = openStore(path, quietLog());
    await expect(opening).rejects.toBeInstanceOf(StoreIoError);
    await expect(opening).rejects.toThrow(
      `could not write store file ${path}: its directory ${UNWRITABLE_DIR} is not writable (`,
    );
  });

  it.skipIf(isRoot)('in a read-only directory is refused at once (as a user other than root)', async () => {
    await chmod(tmp.dir, 0o555);
    try {
      await expect(openStore(tmp.path, quietLog())).rejects.toThrow(
        `could not write store file ${tmp.path}: its directory ${tmp.dir} is not writable (EACCES`,
      );
    } finally {
      await chmod(tmp.dir, 0o755);
    }
    expect(await readdir(tmp.dir)).toEqual([]);
  });
});

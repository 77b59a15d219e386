import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** A fresh temporary folder for each test, removed after it; `path` names a store file in it. */
export function useTempDir(): { dir: string; path: string } {
  const tmp = { dir: '', path: '' };
  beforeEach(async () => {
    tmp.dir = await mkdtemp(join(tmpdir(), 'estimate-bot-'));
    tmp.path = join(tmp.dir, 'store.json');
  });
  afterEach(() => rm(tmp.dir, { recursive: true, force: true }));
  return tmp;
}

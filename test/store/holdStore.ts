import { createLogger } from '../../src/log.js';
import { openStore } from '../../src/store/index.js';

// Another bot process, for the lock tests: opens the store at argv[2], says "open" on stdout, then
// either holds it until killed ("hold") or exits without closing it ("exit").

const [path, mode] = process.argv.slice(2);
if (!path) throw new Error('usage: holdStore.ts <path> hold|exit');
const store = await openStore(path, createLogger('error', { write: () => {} }));
store.setMeta({ lastPollAt: '2023-01-01T00:00:00.000Z' });
await store.flush();
process.stdout.write('open\n');
if (mode === 'exit') process.exit(0);
setInterval(() => {}, 60_000);

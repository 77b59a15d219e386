// Stands in for worker.mjs in reader-pool tests: answers each document with the environment this
// thread sees, as the text of a single run.
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', () => {
  const run = { text: JSON.stringify(process.env), x: 0, y: 0, width: 0, height: 0 };
  parentPort?.postMessage({ pages: [[run]] });
});

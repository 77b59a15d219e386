// Stands in for worker.mjs in reader-pool tests: answers each document with this process's id.
process.on('message', () => {
  process.send?.({ text: String(process.pid) });
});

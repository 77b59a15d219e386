// Stands in for worker.mjs in reader-pool tests: answers each document with the environment this
// process sees, as its text.
process.on('message', () => {
  process.send?.({ text: JSON.stringify(process.env) });
});

// Worker threads that run pdf.js (worker.mjs), started once and reused for every document, each
// reading one document at a time under a time cap. A thread that overruns the cap or dies is
// thrown away and a fresh one starts with the next document. Idle threads do not keep the process
// alive, so a short-lived command exits even if it never calls close().

import { Worker } from 'node:worker_threads';
import { oneLine, PdfError, pdfjsFailure } from './errors.js';
import type { TextRun } from './layout.js';

type Reply = { pages: TextRun[][] } | { error: { name: string; message: string } };

/** Alerts are read before lookups waiting in the queue; each kind in arrival order. */
export type Priority = 'alert' | 'lookup';

interface Job {
  data: Uint8Array;
  priority: Priority;
  resolve(pages: TextRun[][]): void;
  reject(error: Error): void;
}

export interface ReaderPool {
  /** The document's text runs, page by page; rejects with a PdfError. */
  read(data: Uint8Array, priority?: Priority): Promise<TextRun[][]>;
  close(): Promise<void>;
}

const WORKER_URL = new URL('./worker.mjs', import.meta.url);
// A hostile PDF can ask for huge buffers; this stops the thread instead of the process.
const WORKER_HEAP_MB = 512;

/** `workerUrl` is worker.mjs; tests give a probe speaking the same protocol. */
export function createReaderPool(threads: number, timeoutMs: number, workerUrl = WORKER_URL): ReaderPool {
  const idle = Array.from({ length: Math.max(1, threads) }, () => new Reader(workerUrl));
  const all = [...idle];
  const queue: Job[] = [];
  let closed = false;

  function pump(): void {
    for (let reader = idle.pop(); reader; reader = idle.pop()) {
      const job = queue.shift();
      if (!job) {
        idle.push(reader);
        return;
      }
      reader
        .read(job.data, timeoutMs)
        .then(job.resolve, job.reject)
        .finally(() => {
          idle.push(reader);
          if (!closed) pump();
        });
    }
  }

  return {
    read(data, priority = 'alert') {
      if (closed) return Promise.reject(new Error('the PDF reader is closed'));
      return new Promise((resolve, reject) => {
        const job = { data, priority, resolve, reject };
        const firstLookup = priority === 'alert' ? queue.findIndex((j) => j.priority === 'lookup') : -1;
        if (firstLookup >= 0) queue.splice(firstLookup, 0, job);
        else queue.push(job);
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('the PDF reader was closed'));
      await Promise.all(all.map((reader) => reader.stop()));
    },
  };
}

class Reader {
  private worker: Worker | undefined;

  constructor(private readonly url: URL) {}

  read(data: Uint8Array, timeoutMs: number): Promise<TextRun[][]> {
    const worker = this.start();
    worker.ref();
    return new Promise((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit).unref();
      };
      const onMessage = (reply: Reply) => {
        settle();
        if ('error' in reply) reject(pdfjsFailure(reply.error.name, reply.error.message));
        else resolve(reply.pages);
      };
      const onError = (error: Error) => {
        settle();
        this.worker = undefined;
        reject(new PdfError('corrupt', `unreadable PDF (the reader failed: ${oneLine(error.message)})`));
      };
      const onExit = (code: number) => onError(new Error(`exit code ${code}`));
      const timer = setTimeout(() => {
        settle();
        void this.stop();
        reject(new PdfError('timeout', `gave up reading the PDF after ${timeoutMs / 1000} s`));
      }, timeoutMs);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage({ data });
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private start(): Worker {
    // execArgv: [] so the thread does not inherit a TypeScript loader it does not need; env: {}
    // so code running on a hostile PDF cannot read the Slack tokens (pdf.js reads no variable).
    this.worker ??= new Worker(this.url, {
      execArgv: [],
      env: {},
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    return this.worker;
  }
}

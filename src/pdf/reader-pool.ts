// Reader processes that run pdf.js and the layout (worker.mjs), started once and reused for every
// document, each reading one document at a time under a time cap and a memory cap. A process
// that overruns a cap or dies is thrown away and a fresh one starts with the next document. Idle
// processes do not keep the bot alive, so a short-lived command exits even if it never calls
// close(); a reader process ends with its parent.

import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { oneLine, PdfError, pdfjsFailure } from './errors.js';

/** A chart rendered in a reader process: vega and resvg's memory goes with the process. */
export interface RenderedChart {
  png: Uint8Array;
  svg: string;
}

type Request = { data: Uint8Array; maxPages: number | undefined } | { chart: Record<string, unknown> };
type Reply =
  | { text: string }
  | { chart: RenderedChart }
  | { error: { name: string; message: string; code?: unknown } };
type Answer = Exclude<Reply, { error: unknown }>;

/** Alerts are read before lookups waiting in the queue; each kind in arrival order. */
export type Priority = 'alert' | 'lookup';

export interface ReaderLimits {
  /** A document that takes longer is abandoned (its process killed). */
  timeoutMs: number;
  /** A reader process whose resident memory passes this is killed, failing its document. */
  memoryMb: number;
  /** A reader process idle this long ends, giving its memory back; the next document starts one. */
  idleMs?: number;
}

const IDLE_MS = 30_000;

interface Job {
  request: Request;
  priority: Priority;
  resolve(answer: Answer): void;
  reject(error: Error): void;
}

export interface ReaderPool {
  /** The document's text (see layout.ts), its first `maxPages` only if given; rejects with a PdfError. */
  read(data: Uint8Array, priority?: Priority, maxPages?: number): Promise<string>;
  /** A vega-lite spec as SVG and PNG (chart/render.ts), rendered like a document, behind them. */
  renderChart(spec: Record<string, unknown>): Promise<RenderedChart>;
  close(): Promise<void>;
}

const WORKER_URL = new URL('./worker.mjs', import.meta.url);

/** `script` is worker.mjs; tests give a probe speaking the same protocol. */
export function createReaderPool(readers: number, limits: ReaderLimits, script = WORKER_URL): ReaderPool {
  const idle = Array.from({ length: Math.max(1, readers) }, () => new Reader(script, limits));
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
        .request(job.request)
        .then(job.resolve, job.reject)
        .finally(() => {
          idle.push(reader);
          if (!closed) pump();
        });
    }
  }

  const submit = (request: Request, priority: Priority): Promise<Answer> => {
    if (closed) return Promise.reject(new Error('the PDF reader is closed'));
    return new Promise((resolve, reject) => {
      const job = { request, priority, resolve, reject };
      const firstLookup = priority === 'alert' ? queue.findIndex((j) => j.priority === 'lookup') : -1;
      if (firstLookup >= 0) queue.splice(firstLookup, 0, job);
      else queue.push(job);
      pump();
    });
  };

  return {
    async read(data, priority = 'alert', maxPages) {
      const answer = await submit({ data, maxPages }, priority);
      if (!('text' in answer)) throw new Error('the PDF reader answered a document with no text');
      return answer.text;
    },
    async renderChart(spec) {
      // Charts wait behind alerts' documents, as lookups do: an alert's figures come first.
      const answer = await submit({ chart: spec }, 'lookup');
      if (!('chart' in answer)) throw new Error('the PDF reader answered a chart with no chart');
      return { png: new Uint8Array(answer.chart.png), svg: answer.chart.svg };
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('the PDF reader was closed'));
      await Promise.all(all.map((reader) => reader.stop()));
    },
  };
}

class Reader {
  private child: ChildProcess | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Processes stop() killed: their exit is not the document's doing. */
  private readonly stopped = new WeakSet<ChildProcess>();

  constructor(
    private readonly script: URL,
    private readonly limits: ReaderLimits,
  ) {}

  request(request: Request): Promise<Answer> {
    const { timeoutMs, memoryMb } = this.limits;
    clearTimeout(this.idleTimer);
    const child = this.start();
    child.ref();
    child.channel?.ref();
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = () => {
        settled = true;
        clearTimeout(timer);
        child.off('message', onMessage).off('error', onError).off('exit', onExit);
        child.unref();
        child.channel?.unref();
        // pdf.js keeps what it allocated; a process that has been quiet a while is ended instead.
        this.idleTimer = setTimeout(() => void this.stop(), this.limits.idleMs ?? IDLE_MS);
        this.idleTimer.unref();
      };
      const onMessage = (reply: Reply) => {
        settle();
        if ('error' in reply) reject(pdfjsFailure(reply.error.name, reply.error.message, reply.error.code));
        else resolve(reply);
      };
      const fail = (reason: string) => {
        if (settled) return;
        settle();
        void this.stop();
        reject(new PdfError('corrupt', `unreadable PDF (the reader failed: ${oneLine(reason)})`));
      };
      const onError = (error: Error) => fail(error.message);
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        // The process's watchdog kills it with SIGKILL past the memory cap; so does the kernel's
        // out-of-memory killer. A timeout's kill comes after settle(), so it is not seen here.
        if (this.stopped.has(child)) {
          settle();
          reject(new Error('the PDF reader was closed'));
        } else if (signal === 'SIGKILL') {
          settle();
          this.child = undefined;
          reject(
            new PdfError('too_large', `too large to read (it needs more than ${memoryMb} MB of memory)`),
          );
        } else {
          fail(signal ? `killed by ${signal}` : `exit code ${code}`);
        }
      };
      const timer = setTimeout(() => {
        settle();
        void this.stop();
        reject(new PdfError('timeout', `gave up reading the PDF after ${timeoutMs / 1000} s`));
      }, timeoutMs);
      child.on('message', onMessage).on('error', onError).on('exit', onExit);
      child.send(request, (error) => {
        if (error) onError(error);
      });
    });
  }

  async stop(): Promise<void> {
    clearTimeout(this.idleTimer);
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.stopped.add(child);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // An idle reader is unreferenced; waiting for its exit must keep the caller's process alive
    // (else a command awaiting close() ends with "unsettled top-level await", exit code 13).
    child.ref();
    if (child.kill('SIGKILL')) await exited;
  }

  private start(): ChildProcess {
    if (this.child) return this.child;
    const { memoryMb } = this.limits;
    // execArgv: only a heap cap, so the process does not inherit a TypeScript loader it does not
    // need (worker.mjs says why); the watchdog's cap on all its memory comes before the heap's.
    // env: {} so code running on a hostile PDF cannot read the Slack tokens (pdf.js reads no
    // variable). 'advanced' serialization carries the document's bytes as bytes, not as JSON.
    const child = fork(fileURLToPath(this.script), [String(memoryMb)], {
      execArgv: [`--max-old-space-size=${memoryMb}`],
      env: {},
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('exit', () => {
      if (this.child === child) this.child = undefined;
    });
    child.unref();
    child.channel?.unref();
    this.child = child;
    return child;
  }
}

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';

// A loopback stand-in for HKEXnews that serves a recorded replay folder, so the demo runs the real
// HKEX client offline. The folder holds one sub-folder per step of the replay (step1, step2, …)
// with the feed files as they were at that moment, and the PDFs at the top level.

export interface ReplayServer {
  url: string;
  /** Serve the feed as it was at this step from now on. */
  setStep(step: string): void;
  close(): Promise<void>;
}

export async function startReplayServer(root: string, firstStep: string): Promise<ReplayServer> {
  let step = firstStep;
  const resolve = (urlPath: string, base: string): string | null => {
    const path = normalize(join(base, decodeURIComponent(urlPath)));
    return path.startsWith(base + sep) ? path : null;
  };
  const server = createServer(async (req, res) => {
    const urlPath = new URL(req.url ?? '/', 'http://replay').pathname;
    for (const base of [join(root, step), root]) {
      const path = resolve(urlPath, base);
      const info = path ? await stat(path).catch(() => null) : null;
      if (path && info?.isFile()) {
        const type = path.endsWith('.pdf') ? 'application/pdf' : 'application/json; charset=utf-8';
        res.writeHead(200, { 'content-type': type, 'content-length': info.size });
        createReadStream(path).pipe(res);
        return;
      }
    }
    res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not Found</body></html>');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setStep: (next) => {
      step = next;
    },
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

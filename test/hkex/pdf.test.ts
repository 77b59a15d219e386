import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeHkex } from '../fakes/hkex.js';
import { type TestClient, testClient, useFakeServers } from './support.js';

const PDF = Buffer.from(`%PDF-1.4\n${'0'.repeat(200)}\n%%EOF\n`);
const PATH = '/listedco/listconews/sehk/2024/0112/2024011200123.pdf';

let fake: FakeHkex;
let foreign: FakeHkex;
let t: TestClient;

const servers = useFakeServers();

beforeEach(() => {
  ({ fake, foreign } = servers);
  fake.clearRequests();
  fake.addPdf(PATH, PDF);
  foreign.addPdf(PATH, PDF);
  t = testClient(fake.url, { maxPdfBytes: 1000 });
});
afterEach(async () => {
  await t.client.close();
});

const download = (path = PATH) => t.client.downloadPdf(`${fake.url}${path}`);

describe('downloadPdf', () => {
  it('returns the bytes of a PDF, asking for one', async () => {
    expect(Buffer.from(await download())).toEqual(PDF);
    expect(fake.requests[0]?.headers.accept).toBe('application/pdf');
  });

  it('retries a 503 and still gets the PDF', async () => {
    fake.misbehave(PATH, { kind: 'status', status: 503, html: true });
    expect(Buffer.from(await download())).toEqual(PDF);
    expect(fake.requestsTo(PATH)).toHaveLength(2);
  });

  it('refuses an oversized PDF from its Content-Length, before reading it', async () => {
    fake.addPdf('/big.pdf', Buffer.concat([PDF, Buffer.alloc(2000)]));
    await expect(download('/big.pdf')).rejects.toThrow(/big\.pdf is 2\d+ bytes, over the 1000-byte cap/);
  });

  it('stops streaming an oversized PDF sent without Content-Length', async () => {
    fake.addPdf('/big.pdf', Buffer.concat([PDF, Buffer.alloc(2000)]), { chunked: true });
    await expect(download('/big.pdf')).rejects.toThrow(/big\.pdf is larger than the 1000-byte cap/);
  });

  it('names an HTML error page served with status 200', async () => {
    fake.misbehave(PATH, { kind: 'html200' });
    await expect(download()).rejects.toThrow(
      `${fake.url}${PATH} served text/html (HTTP 200) instead of a PDF`,
    );
  });

  it('refuses bytes that are not a PDF, whatever the content type says', async () => {
    fake.addPdf('/fake.pdf', 'PK\u0003\u0004 a zip file');
    await expect(download('/fake.pdf')).rejects.toThrow(/fake\.pdf is not a PDF/);
  });

  it('caps the time of the whole download', async () => {
    const slow = testClient(fake.url, { pdfTimeoutMs: 50, timeouts: { bodyMs: 10_000 } });
    fake.misbehave(PATH, { kind: 'stall' });
    await expect(slow.client.downloadPdf(`${fake.url}${PATH}`)).rejects.toThrow(/took longer than 50 ms/);
    await slow.client.close();
  });

  it('caps the time of a PDF dripping in a byte at a time, which no body timeout notices', async () => {
    const slow = testClient(fake.url, { pdfTimeoutMs: 150, timeouts: { bodyMs: 10_000 } });
    fake.misbehave(PATH, { kind: 'drip', intervalMs: 20 }); // 215 bytes: over 4 s in all
    const started = Date.now();
    await expect(slow.client.downloadPdf(`${fake.url}${PATH}`)).rejects.toThrow(
      `${fake.url}${PATH} took longer than 150 ms`,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    await slow.client.close();
  });

  it('gives a PDF its own time cap, not the deadline of a feed read', async () => {
    const client = testClient(fake.url, { pdfTimeoutMs: 10_000, timeouts: { deadlineMs: 40 } });
    fake.misbehave(PATH, { kind: 'drip', intervalMs: 1 }); // at least 215 ms
    expect(Buffer.from(await client.client.downloadPdf(`${fake.url}${PATH}`))).toEqual(PDF);
    await client.client.close();
  });

  it('refuses a URL off the base origin without requesting it', async () => {
    await expect(t.client.downloadPdf(`${foreign.url}${PATH}`)).rejects.toThrow(/refused/);
    expect(t.logs.find('off the HKEXnews origin')).toHaveLength(1);
  });

  it('does not follow a redirect to another host', async () => {
    fake.misbehave(PATH, { kind: 'redirect', location: `${foreign.url}${PATH}` });
    await expect(download()).rejects.toThrow(/redirects are not followed/);
  });

  it('names the URL of a missing PDF', async () => {
    await expect(download('/gone.pdf')).rejects.toThrow(`GET ${fake.url}/gone.pdf failed: HTTP 404`);
  });
});

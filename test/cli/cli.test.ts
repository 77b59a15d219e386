import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Estimate } from '../../src/estimate.js';
import { withoutPages } from '../parse/support/evidence.js';
import { type CliResult, runCli } from './run-cli.js';

const cli = (...args: string[]) => runCli(args);

const PDF = 'test/fixtures/pdf';
const TXT = 'test/fixtures/announcements';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'estimate-cli-'));
  writeFileSync(join(dir, 'blank.txt'), ' \n\n');
  writeFileSync(join(dir, 'latin1.txt'), Buffer.from([0x50, 0x72, 0x6f, 0x66, 0x69, 0x74, 0xa3]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parse', () => {
  // One process for every case keeps the suite fast; the cases are checked line by line below.
  const files = [
    `${PDF}/en-06680-2022-preliminary-estimate.pdf`,
    `${PDF}/bad/encrypted.pdf`,
    `${TXT}/zh-ah-annual-2022-tab.txt`,
    `${PDF}/bad/empty.pdf`,
    `${PDF}/bad/not-a-pdf.pdf`,
    `${PDF}/bad/truncated.pdf`,
    `${PDF}/bad/scanned.pdf`,
    `${PDF}/zh-ah-annual-2022-tab.pdf`,
    'no/such/file.pdf',
    PDF,
    'BLANK',
    'LATIN1',
  ];
  let result: CliResult;
  beforeAll(async () => {
    result = await cli(
      'parse',
      ...files.map((f) =>
        f === 'BLANK' ? join(dir, 'blank.txt') : f === 'LATIN1' ? join(dir, 'latin1.txt') : f,
      ),
    );
  });

  it('prints one JSON line per readable file, in the order given, file first', () => {
    const lines = result.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.file)).toEqual([
      `${PDF}/en-06680-2022-preliminary-estimate.pdf`,
      `${TXT}/zh-ah-annual-2022-tab.txt`,
      `${PDF}/zh-ah-annual-2022-tab.pdf`,
    ]);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual([
        'file',
        'stockCodes',
        'company',
        'title',
        'language',
        'kind',
        'direction',
        'period',
        'currency',
        'audited',
        'metrics',
        'drivers',
        'checks',
      ]);
    }
    const { file: _pdf, ...fromPdf } = lines[2] as unknown as Estimate & { file: string };
    const { file: _txt, ...fromTxt } = lines[1] as unknown as Estimate & { file: string };
    // Only the PDF has pages to name in the evidence.
    expect(withoutPages(fromPdf)).toEqual(fromTxt);
    expect(fromPdf.metrics[0]?.evidence.current?.page).toBe(1);
  });

  it('reports each unreadable file on one stderr line, without a stack trace', () => {
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `estimate-bot: ${PDF}/bad/encrypted.pdf: encrypted PDF (needs a password)`,
      `estimate-bot: ${PDF}/bad/empty.pdf: empty file`,
      `estimate-bot: ${PDF}/bad/not-a-pdf.pdf: not a PDF (no %PDF- header)`,
      `estimate-bot: ${PDF}/bad/truncated.pdf: truncated PDF (no %%EOF end marker)`,
      `estimate-bot: ${PDF}/bad/scanned.pdf: no text layer (a scanned image?)`,
      'estimate-bot: no/such/file.pdf: no such file',
      `estimate-bot: ${PDF}: is a directory`,
      `estimate-bot: ${join(dir, 'blank.txt')}: empty file`,
      `estimate-bot: ${join(dir, 'latin1.txt')}: not UTF-8 text`,
    ]);
  });

  it('exits 1 when any file failed', () => {
    expect(result.code).toBe(1);
  });

  it('exits 0 when every file was read', async () => {
    const ok = await cli('parse', `${TXT}/zh-ah-annual-2022-tab.txt`);
    expect(ok).toMatchObject({ code: 0, stderr: '' });
  });
});

describe('usage', () => {
  it('prints usage and exits 0 for --help', async () => {
    const help = await cli('--help');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: estimate-bot <command>/);
  });

  it.each([
    [[], 'no files given'],
    [['parse'], 'no files given'],
    [['frobnicate'], "unknown command 'frobnicate'"],
  ])('exits 2 for %j', async (args, problem) => {
    const misuse = await cli(...args);
    expect(misuse.code).toBe(2);
    expect(misuse.stdout).toBe('');
    expect(misuse.stderr).toMatch(new RegExp(`^estimate-bot: ${problem}\\nUsage:`));
  });
});

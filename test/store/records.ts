import type { FilingRecord, FilingState } from '../../src/store/types.js';

// Store records for tests, built with only the fields a test cares about.

export function rec(
  id: string,
  releasedAt: string,
  over: Partial<Omit<FilingRecord, 'filing'>> & { codes?: string[]; idZh?: string } = {},
): FilingRecord {
  const { codes = ['06680'], idZh = null, ...rest } = over;
  return {
    filing: {
      id,
      idZh,
      board: 'sehk',
      stockCodes: codes,
      stockNames: [],
      title: 'PROFIT WARNING',
      titleZh: null,
      releasedAt,
      category: '',
      t1Code: null,
      t2Code: null,
      pdfUrl: `https://www1.hkexnews.hk/listedco/${id}.pdf`,
      pdfUrlZh: null,
    },
    isEstimate: true,
    state: 'seen' as FilingState,
    attempts: 0,
    error: null,
    retryAfter: null,
    estimate: null,
    targets: [],
    alerts: [],
    revisionOf: null,
    seenAt: releasedAt,
    ...rest,
  };
}

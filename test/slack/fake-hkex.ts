import type { Estimate } from '../../src/estimate.js';
import type { Filing, HkexSource } from '../../src/hkex/filing.js';

/** An in-memory HkexSource: a stock's filings and their PDFs, with every request recorded. */
export function fakeHkex(filings: Filing[], failWith?: Error) {
  const requests: string[] = [];
  const source: HkexSource = {
    async newFilings() {
      return [];
    },
    async downloadPdf(url) {
      requests.push(`pdf ${url}`);
      return new TextEncoder().encode(url);
    },
    async stockFilings(code, from, to) {
      requests.push(`search ${code} ${from.toISOString().slice(0, 10)} ${to.toISOString().slice(0, 10)}`);
      if (failWith) throw failWith;
      return filings.filter((f) => f.stockCodes.includes(code));
    },
  };
  return { source, requests };
}

/** A parse function that answers the given estimate and remembers which PDF it read. */
export function fakeParse(estimate: Estimate) {
  const read: string[] = [];
  return {
    read,
    parse: async (pdf: Uint8Array, _filing: Filing) => {
      read.push(new TextDecoder().decode(pdf));
      return estimate;
    },
  };
}

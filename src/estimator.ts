import { errorMessage } from './errors.js';
import type { Estimate } from './estimate.js';
import type { Filing } from './hkex/filing.js';
import { parseAnnouncement } from './parse/index.js';
import type { PdfExtractor } from './pdf/extract.js';

// A filing's PDF to its Estimate: the one composition of extraction and parsing that the pipeline
// and the slash command share. Failures name the filing and its URL.

export type ParseFiling = (pdf: Uint8Array, filing: Filing) => Promise<Estimate>;

export function pdfEstimator(extractor: PdfExtractor): ParseFiling {
  return async (pdf, filing) => {
    try {
      // The listing's title and category stand in for a headline the PDF's text lacks or words
      // generically ("INSIDE INFORMATION"); the document's own headline still decides when it can.
      const hints = { title: filing.title, titleZh: filing.titleZh, category: filing.category };
      return parseAnnouncement(await extractor.extract(pdf), hints);
    } catch (error) {
      throw new Error(`filing ${filing.id} (${filing.pdfUrl}): ${errorMessage(error)}`, { cause: error });
    }
  };
}

import { kindOfTitle } from '../parse/kind.js';
import { resultsKindOf } from '../parse/results.js';
import type { Filing } from './filing.js';

// Is a filing a profit estimate, judging by its listing alone? HK issuers file profit warnings and
// positive profit alerts under [Profit Warning], which is evidence enough; A+H issuers publish their
// mainland preliminary estimates under [Inside Information] or as Overseas Regulatory Announcements,
// so there (and anywhere else) an estimate title, English or Chinese, is needed. The title words
// live in one table, kindOfTitle's. When this says yes, the parsed document has the last word.

const PROFIT_WARNING_CATEGORY = /\[\s*(?:Profit Warning|盈利警告)\s*\]/i;

export function isProfitEstimate(filing: Pick<Filing, 'title' | 'titleZh' | 'category'>): boolean {
  if (PROFIT_WARNING_CATEGORY.test(filing.category)) return true;
  return (
    kindOfTitle(filing.title) !== null || (filing.titleZh !== null && kindOfTitle(filing.titleZh) !== null)
  );
}

// Results are filed under [Final Results], [Interim Results] and the like; an A-share 業績快報
// as an Overseas Regulatory Announcement, known by its title.
const RESULTS_CATEGORY =
  /\[\s*(?:Final Results|Annual Results|Interim Results|末期業績|全年業績|中期業績)\s*\]/i;

/** Is a filing a results announcement (annual, interim, 業績快報), judging by its listing? */
export function isResultsAnnouncement(filing: Pick<Filing, 'title' | 'titleZh' | 'category'>): boolean {
  if (isProfitEstimate(filing)) return false;
  if (RESULTS_CATEGORY.test(filing.category)) return true;
  return (
    resultsKindOf(filing.title) !== null ||
    (filing.titleZh !== null && resultsKindOf(filing.titleZh) !== null)
  );
}

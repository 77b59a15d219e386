import { kindOfTitle } from '../parse/kind.js';
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

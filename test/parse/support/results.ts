import type { Results } from '../../../src/results.js';

/** Results without their evidence, as the expected files hold them. */
export const withoutEvidence = (r: Results) => ({
  ...r,
  metrics: r.metrics.map(({ evidence: _, ...m }) => m),
});

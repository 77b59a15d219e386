import type { App, BlockButtonAction } from '@slack/bolt';
import { PDF_ACTION, REPORT_ACTION, SHARE_ACTION } from '../../blocks.js';
import type { ListenerDeps } from '../deps.js';
import { openPdf } from './open-pdf.js';
import { reportFigure } from './report-figure.js';
import { shareEstimate } from './share-estimate.js';

export function register(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(SHARE_ACTION, shareEstimate(deps));
  app.action(PDF_ACTION, openPdf);
  app.action<BlockButtonAction>(REPORT_ACTION, reportFigure(deps));
}

import type { App, ViewSubmitAction } from '@slack/bolt';
import { REPORT_VIEW } from '../../report-modal.js';
import type { ListenerDeps } from '../deps.js';
import { reportSubmitted } from './report-submitted.js';

export function register(app: App, deps: ListenerDeps): void {
  app.view<ViewSubmitAction>(REPORT_VIEW, reportSubmitted(deps));
}

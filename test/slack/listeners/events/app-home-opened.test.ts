import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_FILTER } from '../../../../src/channel-filter.js';
import { landings } from '../../../../src/settle/landing.js';
import { createHome } from '../../../../src/slack/home.js';
import { appHomeOpened } from '../../../../src/slack/listeners/events/app-home-opened.js';
import { MANY_WORKSPACES } from '../../../../src/slack/targets.js';
import { createMemoryStore } from '../../../../src/store/index.js';
import type { PipelineStore } from '../../../../src/store/types.js';
import { type FakeSlack, startFakeSlack } from '../../../fakes/slack.js';
import { actual, results } from '../../../settle/support.js';
import { capturedLog } from '../../log-capture.js';
import { filingFor, JL_MAG, JL_MAG_RECORD, recordFor } from '../../samples.js';

// The App Home, published through views.publish on the loopback Slack fake.

let slack: FakeSlack;
let store: PipelineStore;
const client = () =>
  new webApi.WebClient('xoxb-test', { slackApiUrl: slack.url, logLevel: webApi.LogLevel.ERROR });

beforeEach(async () => {
  slack = await startFakeSlack();
  store = createMemoryStore();
});
afterEach(() => slack.close());

const viewText = (n = 0) => JSON.stringify(slack.callsTo('views.publish')[n]?.body.view);

describe('app_home_opened', () => {
  it("publishes the opener's Home: latest estimates with how they landed, channels, health", async () => {
    store.put(JL_MAG_RECORD);
    const settled = landings(JL_MAG, results([actual('net_profit_attributable', '801200000', '453074200')]));
    store.put(
      recordFor(null, filingFor(JL_MAG, { id: '77', releasedAt: '2023-03-20T11:00:00Z' }), {
        isEstimate: false,
        isResults: true,
        settles: JL_MAG_RECORD.filing.id,
        landings: settled,
      }),
    );
    store.watch('C0WATCH', '06680');
    store.setFilter('C0WATCH', { ...NO_FILTER, kinds: ['profit_warning'] });
    store.setMeta({
      lastPollAt: '2023-03-20T11:01:00Z',
      lastPollError: 'GET https://www1.hkexnews.hk/x failed: HTTP 503',
    });
    const home = createHome(() => client(), store, capturedLog().log);

    await appHomeOpened({ store, lookup: {} as never, log: capturedLog().log, home })({
      event: { user: 'U1', tab: 'home' },
    });

    const [call] = slack.callsTo('views.publish');
    expect(call?.body.user_id).toBe('U1');
    expect(call?.body.view).toMatchObject({ type: 'home' });
    const text = viewText();
    expect(text).toContain('Actual: RMB801.2m, inside the estimated RMB702.3m–838.2m');
    expect(text).toContain('<#C0WATCH> watches 06680. This channel gets profit warnings.');
    expect(text).toContain('Last poll 20 Mar 2023 19:01 HKT');
    expect(text).toContain('hkex_unreachable');
    // The error's message names a host: it stays in the log.
    expect(text).not.toContain('www1.hkexnews.hk/x');
  });

  it('ignores the Messages tab', async () => {
    const home = createHome(() => client(), store, capturedLog().log);
    await appHomeOpened({ store, lookup: {} as never, log: capturedLog().log, home })({
      event: { user: 'U1', tab: 'messages' },
    });
    expect(slack.callsTo('views.publish')).toEqual([]);
  });

  it("refreshes recent viewers' Homes, with what changed since", async () => {
    const home = createHome(() => client(), store, capturedLog().log);
    await home.opened('U1');
    await home.opened('U2');
    expect(viewText(0)).toContain('No estimate has been alerted yet.');
    store.put(JL_MAG_RECORD);
    await home.refresh();
    const refreshed = slack.callsTo('views.publish').slice(2);
    expect(refreshed.map((c) => c.body.user_id)).toEqual(['U1', 'U2']);
    expect(viewText(2)).toContain('RMB702.3m–838.2m');
  });

  it("lists only the opener's workspace's channels when installed to many, with its own client", async () => {
    store.watch('T1:C0ONE', '06680');
    store.watch('T2:C0TWO', '00700');
    const asked: (string | undefined)[] = [];
    const home = createHome(
      (team) => {
        asked.push(team);
        return team === 'TGONE' ? null : client();
      },
      store,
      capturedLog().log,
      MANY_WORKSPACES,
    );
    await appHomeOpened({ store, lookup: {} as never, log: capturedLog().log, home })({
      event: { user: 'U1', tab: 'home' },
      body: { team_id: 'T1' },
    });
    expect(viewText()).toContain('<#C0ONE>');
    expect(viewText()).not.toContain('C0TWO');
    expect(viewText()).not.toContain('T1:');
    await home.opened('U9', 'TGONE');
    expect(asked).toEqual(['T1', 'TGONE']);
    expect(slack.callsTo('views.publish')).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { workspaceGone } from '../../../../src/slack/listeners/events/workspace-gone.js';
import { listenerDeps } from '../../listener-deps.js';
import { JL_MAG } from '../../samples.js';

const installed = {
  installation: { team: { id: 'T1' }, bot: { token: 'xoxb-1' } },
  installedAt: '2026-11-01T00:00:00Z',
  revokedAt: null,
};

describe('app_uninstalled and tokens_revoked', () => {
  it('mark the workspace gone, keeping it for a reinstall', async () => {
    const setup = listenerDeps([], JL_MAG);
    setup.store.setWorkspace('T1', installed);
    await workspaceGone(setup.deps)({ body: { team_id: 'T1' }, event: { type: 'app_uninstalled' } });
    expect(setup.store.workspace('T1')).toMatchObject({ revokedBecause: 'app_uninstalled' });
    expect(setup.store.workspace('T1')?.revokedAt).toEqual(expect.any(String));
  });

  it("ignore the revocation of users' tokens only", async () => {
    const setup = listenerDeps([], JL_MAG);
    setup.store.setWorkspace('T1', installed);
    const event = { type: 'tokens_revoked', tokens: { oauth: ['U1'], bot: [] } };
    await workspaceGone(setup.deps)({ body: { team_id: 'T1' }, event });
    expect(setup.store.workspace('T1')?.revokedAt).toBeNull();
    await workspaceGone(setup.deps)({
      body: { team_id: 'T1' },
      event: { ...event, tokens: { bot: ['UBOT'] } },
    });
    expect(setup.store.workspace('T1')?.revokedBecause).toBe('tokens_revoked');
  });
});

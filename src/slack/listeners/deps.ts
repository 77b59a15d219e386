import type { Log } from '../../log.js';
import type { Store } from '../../store/types.js';
import type { EstimateLookup } from '../estimate-lookup.js';
import type { Home } from '../home.js';
import type { Targets } from '../targets.js';

/** What every listener may use; passed in, so listeners are tested with fakes. */
export interface ListenerDeps {
  store: Store;
  lookup: EstimateLookup;
  log: Log;
  /** The App Home; the demo's listeners have none. */
  home?: Home;
  /** How a workspace's channel is named in the store (qualified by workspace with OAuth). */
  targets?: Targets;
}

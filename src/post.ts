// The post step (post-if: success()): saves the provider cache the main step restored. It only ever warns.

import { errorMessage } from './errors.js';
import { actionsRuntime, type Runtime } from './runtime.js';
import { PLUGIN_CACHE_STATE, savePluginCache, type PluginCacheState } from './terraform/cache.js';

export async function runPost(runtime: Runtime = actionsRuntime()): Promise<void> {
  try {
    const state = runtime.getState(PLUGIN_CACHE_STATE);
    if (state) await savePluginCache(JSON.parse(state) as PluginCacheState, runtime);
  } catch (e) {
    runtime.warning(`Provider cache not saved (${errorMessage(e)}).`);
  }
}

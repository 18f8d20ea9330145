// The post step (post-if: success()): saves the provider cache the main step restored. It only ever warns.

import * as core from '@actions/core';
import { errorMessage } from './errors.js';
import { PLUGIN_CACHE_STATE, savePluginCache, type PluginCacheState } from './terraform/cache.js';

export async function runPost(): Promise<void> {
  try {
    const state = core.getState(PLUGIN_CACHE_STATE);
    if (state) await savePluginCache(JSON.parse(state) as PluginCacheState);
  } catch (e) {
    core.warning(`Provider cache not saved (${errorMessage(e)}).`);
  }
}

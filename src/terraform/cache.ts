// The provider plugin cache (TF_PLUGIN_CACHE_DIR), kept between runs with @actions/cache: restored before init,
// saved by the post step when the job succeeded. Keyed on OS, arch, Terraform version and the lock file, so a
// second run with the same .terraform.lock.hcl downloads no provider. A cache problem is only ever a warning.

import * as cache from '@actions/cache';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage } from '../errors.js';
import type { Log } from '../runtime.js';

export interface PluginCache {
  readonly dir: string;
  readonly key: string;
  readonly restoreKeys: readonly string[];
}

/** What the post step needs: saved as the step's state by the main step. */
export interface PluginCacheState extends PluginCache {
  /** The key restored exactly: nothing new to save. */
  readonly exactHit: boolean;
}

/** Emptied by the main step when it fails: the post step keeps the cache of a successful run only. */
export const PLUGIN_CACHE_STATE = 'plugin-cache';

export function pluginCacheKey(parts: {
  os: string;
  arch: string;
  distribution: string;
  version: string;
  lockFile: string;
}): Omit<PluginCache, 'dir'> {
  const lockHash = createHash('sha256').update(parts.lockFile).digest('hex');
  const prefix = `okta-tf-providers-${parts.os}-${parts.arch}-${parts.distribution}-${parts.version}-`;
  return { key: `${prefix}${lockHash}`, restoreKeys: [prefix] };
}

/** Restores the cache into `dir` (created if missing). Undefined when there is no lock file to key it on. */
export async function restorePluginCache(
  options: {
    dir: string;
    workingDirectory: string;
    os: string;
    arch: string;
    distribution: string;
    version: string;
  },
  log: Log,
): Promise<PluginCacheState | undefined> {
  let lockFile: string;
  try {
    lockFile = await readFile(join(options.workingDirectory, '.terraform.lock.hcl'), 'utf8');
  } catch {
    log.info(
      'Provider cache: no .terraform.lock.hcl here, so nothing to key it on (commit the lock file to cache providers).',
    );
    return undefined;
  }
  await mkdir(options.dir, { recursive: true });
  const { key, restoreKeys } = pluginCacheKey({ ...options, lockFile });
  const state = { dir: options.dir, key, restoreKeys };
  if (!cache.isFeatureAvailable()) {
    log.info('Provider cache: the Actions cache service is not available on this runner.');
    return { ...state, exactHit: false };
  }
  try {
    const restored = await cache.restoreCache([options.dir], key, [...restoreKeys]);
    log.info(restored ? `Provider cache: restored ${restored}.` : 'Provider cache: nothing cached yet.');
    return { ...state, exactHit: restored === key };
  } catch (e) {
    log.warning(`Provider cache not restored (${errorMessage(e)}); providers will be downloaded.`);
    return { ...state, exactHit: false };
  }
}

async function hasFiles(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length > 0;
  } catch {
    return false;
  }
}

/** Saves the cache (post step). Never throws. */
export async function savePluginCache(state: PluginCacheState, log: Log): Promise<void> {
  if (state.exactHit) {
    log.info(`Provider cache: ${state.key} was restored unchanged; nothing to save.`);
    return;
  }
  if (!(await hasFiles(state.dir))) {
    log.info('Provider cache: no providers were installed; nothing to save.');
    return;
  }
  if (!cache.isFeatureAvailable()) return;
  try {
    const id = await cache.saveCache([state.dir], state.key);
    if (id === -1) log.warning(`Provider cache not saved as ${state.key} (see the lines above).`);
    else log.info(`Provider cache: saved ${state.key}.`);
  } catch (e) {
    log.warning(`Provider cache not saved (${errorMessage(e)}).`);
  }
}

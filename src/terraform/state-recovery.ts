// What keeps an apply from losing state. When the backend refuses the state after an apply, Terraform writes it to
// errored.tfstate in the working directory and gives up; the objects exist in Okta and nowhere else, so the next
// run would create them again. Here the file is moved out of the checkout (owner-only: it holds secrets), pushed
// with retries and back-off, and only if the backend stays down is it left for the operator, with the command.
// And what the backend holds afterwards is read back: the apply report says what was saved, not what was said.

import { chmod, copyFile, mkdtemp, rm } from 'node:fs/promises';
import { exists } from '../files.js';
import { join } from 'node:path';
import { errorMessage } from '../errors.js';
import type { Log } from '../runtime.js';

export const ERRORED_STATE = 'errored.tfstate';

export interface StateTools {
  /** Pushes `file`; stopped after `limitMs` (runner.ts STATE_COMMAND_MS by default). */
  statePush(file: string, limitMs?: number): Promise<void>;
  statePull(): Promise<string>;
}

export type ErroredState =
  | { readonly kind: 'pushed'; readonly tries: number }
  | { readonly kind: 'not-saved'; readonly file: string; readonly cause: string };

export interface RecoveryOptions {
  readonly workingDirectory: string;
  /** Where the kept copy goes (RUNNER_TEMP): never the checkout, which workflows upload. */
  readonly tempDir: string;
  /** Pushes in all, and the first wait (doubled each time): 4 tries, 2 + 4 + 8 s apart, by default. */
  readonly tries?: number;
  readonly firstDelayMs?: number;
  /** How long one push may take (a backend that never answers): the runner's default, 60 s. */
  readonly pushMs?: number;
}

/** Moves the errored state out of the checkout into an owner-only directory of its own. */
async function keepPrivately(source: string, tempDir: string): Promise<string> {
  const dir = await mkdtemp(join(tempDir, 'okta-tf-errored-state-'));
  await chmod(dir, 0o700);
  const file = join(dir, ERRORED_STATE);
  await copyFile(source, file);
  await chmod(file, 0o600);
  await rm(source, { force: true });
  return file;
}

/** Pushes errored.tfstate when Terraform left one; undefined when it did not (the state was saved). */
export async function pushErroredState(
  tools: StateTools,
  log: Log,
  options: RecoveryOptions,
): Promise<ErroredState | undefined> {
  const left = join(options.workingDirectory, ERRORED_STATE);
  if (!(await exists(left))) return undefined;
  const file = await keepPrivately(left, options.tempDir);
  const tries = options.tries ?? 4;
  let delay = options.firstDelayMs ?? 2000;
  let cause = '';
  log.warning(
    `The backend did not take the state after the apply: Terraform left ${ERRORED_STATE}; pushing it (up to ${tries} tries).`,
  );
  for (let attempt = 1; attempt <= tries; attempt++) {
    try {
      await tools.statePush(file, options.pushMs);
      await rm(file, { force: true });
      log.info(`The state was pushed to the backend (try ${attempt} of ${tries}).`);
      return { kind: 'pushed', tries: attempt };
    } catch (e) {
      cause = errorMessage(e);
      if (attempt < tries) {
        log.info(`State push ${attempt} of ${tries} failed (${cause}); trying again in ${delay / 1000} s.`);
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay *= 2;
      }
    }
  }
  return { kind: 'not-saved', file, cause };
}

/** The exact commands that put a kept state back, for the failure message and the summary. */
export function recoveryCommand(file: string, directory: string): string {
  return `terraform -chdir=${directory} state push ${file}`;
}

/** The resource instances (address → Okta/Terraform ID) a state holds, from `terraform state pull`'s JSON (v4). */
export function stateInstances(json: string): Map<string, string> {
  const instances = new Map<string, string>();
  if (!json.trim()) return instances;
  const state = JSON.parse(json) as { resources?: StateResource[] };
  for (const resource of state.resources ?? []) {
    const base = [
      resource.module,
      resource.mode === 'data' ? 'data' : undefined,
      resource.type,
      resource.name,
    ]
      .filter(Boolean)
      .join('.');
    for (const instance of resource.instances ?? []) {
      const key = instance.index_key;
      const index =
        key === undefined ? '' : typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
      const id = instance.attributes?.id;
      instances.set(`${base}${index}`, typeof id === 'string' ? id : '');
    }
  }
  return instances;
}

interface StateResource {
  module?: string;
  mode?: string;
  type?: string;
  name?: string;
  instances?: Array<{ index_key?: string | number; attributes?: { id?: unknown } }>;
}

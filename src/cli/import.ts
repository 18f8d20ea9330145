// okta-tf import --types T1,T2 [STATE_OR_PLAN_JSON]: brings the org's objects of those types that no state holds
// under the Terraform configuration in --directory (initialized with `terraform init`): import blocks, Terraform's
// generated configuration tidied into one file per type, and a last plan that says whether it converged.

import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readModuleConfiguration } from '../configuration/module.js';
import { noOktaConnection, OktaClient, oktaConnection } from '../okta/client.js';
import { readManaged } from '../okta/managed.js';
import { writeImportConfiguration } from '../okta/import-configuration.js';
import { findUnmanaged, type ManagedObject } from '../okta/unmanaged.js';
import { openPlan } from '../plan/plan-file.js';
import { summarizePlan } from '../plan/summarize.js';
import type { ChangeSummary } from '../plan/types.js';
import { diagnosticSummaries } from '../terraform/failures.js';

const run = promisify(execFile);

export interface ImportOptions {
  readonly directory: string;
  readonly types: readonly string[];
  /** A state or plan JSON whose objects are already managed (none when absent). */
  readonly state?: string;
  readonly terraform?: string;
  /** Where the org's settings and credentials are read, and Terraform's environment (process.env by default). */
  readonly env?: NodeJS.ProcessEnv;
}

export interface ImportResult {
  /** Objects imported per type. */
  readonly imported: Readonly<Record<string, number>>;
  /** The files written, relative to the directory. */
  readonly files: readonly string[];
  /** The last plan's counts: converged when it only imports. */
  readonly plan: {
    readonly import: number;
    readonly add: number;
    readonly change: number;
    readonly remove: number;
  };
  /** Addresses the last plan would still change (the generated configuration does not match Okta). */
  readonly notConverged: readonly string[];
  /** Objects Terraform could not import (it wrote no configuration for them), and why. */
  readonly notImported: readonly string[];
}

/** The attributes a change sets, by their top-level name (`gateways[0]` is gateways). */
const topLevel = (change: ChangeSummary): string[] =>
  [...new Set(change.attributes.map((a) => a.path.split(/[.[]/)[0] ?? a.path))].sort();

/**
 * The last plan, summarized as it streams from `terraform show -json` (as the action reads plans): its counts, and
 * each object it would still change besides importing, with the attributes.
 */
async function lastPlan(
  terraform: string,
  directory: string,
  env: NodeJS.ProcessEnv,
): Promise<Pick<ImportResult, 'plan' | 'notConverged'>> {
  const file = join(directory, 'okta-import.tfplan');
  try {
    await run(terraform, ['plan', '-input=false', '-no-color', `-out=${file}`], { cwd: directory, env });
    const show = spawn(terraform, ['show', '-json', '-no-color', file], {
      cwd: directory,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    show.stderr.on('data', (data: Buffer) => void (stderr += data.toString()));
    const exited = once(show, 'close');
    const summary = await summarizePlan(show.stdout);
    const [code] = (await exited) as [number | null];
    if (code !== 0) {
      throw new Error(
        `terraform show -json exited with ${code ?? 'a signal'}: ${diagnosticSummaries(stderr).join('; ')}`,
      );
    }
    const { import: imports, add, change, destroy } = summary.terraform;
    const notConverged = summary.changes
      .filter((c) => c.action !== 'no-op')
      .map((c) => `${c.address}: ${topLevel(c).join(', ')}`);
    return { plan: { import: imports, add, change, remove: destroy }, notConverged };
  } finally {
    await rm(file, { force: true });
  }
}

export async function importObjects(options: ImportOptions): Promise<ImportResult> {
  const terraform = options.terraform ?? 'terraform';
  const { directory } = options;
  const env = options.env ?? process.env;
  const { providers } = await readModuleConfiguration(directory);
  const connection = oktaConnection(providers, env);
  if (!connection) throw noOktaConnection('okta-tf import');
  const managed: ManagedObject[] = options.state ? await readManaged(await openPlan(options.state)) : [];
  const objects = await findUnmanaged(new OktaClient(connection), managed, new Set(options.types));
  const inDirectory = { cwd: directory, env, maxBuffer: 1 << 28 };
  const { imported, files, notGenerated, generationError } = await writeImportConfiguration(
    directory,
    objects,
    {
      generate: async (file) =>
        void (await run(
          terraform,
          ['plan', '-input=false', '-no-color', `-generate-config-out=${file}`],
          inDirectory,
        )),
      format: async (names) => void (await run(terraform, ['fmt', ...names], inDirectory)),
    },
  );
  const notImported = notGenerated.map(
    ({ address, object }) =>
      `${address} (${object.name}): ${generationError ?? 'no configuration generated'}`,
  );
  if (files.length === 0) {
    const plan = { import: 0, add: 0, change: 0, remove: 0 };
    return { imported, files, plan, notConverged: [], notImported };
  }
  return { imported, files, notImported, ...(await lastPlan(terraform, directory, env)) };
}

/** The result for a person: what was imported, the files, and whether the configuration converged. */
export function importMarkdown(result: ImportResult): string {
  const counts = Object.entries(result.imported).map(([type, n]) => `${n} ${type}`);
  const failed = result.notImported.map((line) => `Not imported: ${line}`);
  if (counts.length === 0) {
    return failed.length > 0
      ? `${failed.join('\n')}\n`
      : 'Nothing to import: every object of these types is in the state already.\n';
  }
  const lines = [`Imported ${counts.join(', ')} into ${result.files.join(', ')}.`, ...failed];
  const { plan, notConverged } = result;
  lines.push(
    notConverged.length === 0
      ? `The last plan only imports (${plan.import}): the configuration converged.`
      : `The last plan would still change ${notConverged.length} object(s): ${notConverged.join('; ')}. These are attributes okta/okta does not read back (see known noise), or the generated values need a look.`,
  );
  return `${lines.join('\n')}\n`;
}

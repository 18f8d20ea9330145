// okta-tf import --types T1,T2 [STATE_OR_PLAN_JSON]: brings the org's objects of those types that no state holds
// under the Terraform configuration in --directory (initialized with `terraform init`): import blocks, Terraform's
// generated configuration tidied into one file per type, and a last plan that says whether it converged.

import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readModuleConfiguration } from '../configuration/module.js';
import { ActionError } from '../errors.js';
import { OktaClient, oktaConnection } from '../okta/client.js';
import { readManaged } from '../okta/managed.js';
import { writeImportConfiguration } from '../okta/import-configuration.js';
import { findUnmanaged, type ManagedObject } from '../okta/unmanaged.js';
import { openPlan } from '../plan/plan-file.js';

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

interface ShownChange {
  readonly address?: string;
  readonly change?: { readonly actions?: string[]; readonly before?: unknown; readonly after?: unknown };
}

/** The top-level attributes a change sets to another value. */
function changedAttributes(before: unknown, after: unknown): string[] {
  const was = (before ?? {}) as Record<string, unknown>;
  const now = (after ?? {}) as Record<string, unknown>;
  return Object.keys(now)
    .filter((key) => JSON.stringify(was[key] ?? null) !== JSON.stringify(now[key] ?? null))
    .sort();
}

/** The last plan: its counts, and each object it would still change besides importing, with the attributes. */
async function lastPlan(
  terraform: string,
  directory: string,
  env: NodeJS.ProcessEnv,
): Promise<Pick<ImportResult, 'plan' | 'notConverged'>> {
  const file = join(directory, 'okta-import.tfplan');
  const options = { cwd: directory, env, maxBuffer: 1 << 28 };
  try {
    await run(terraform, ['plan', '-input=false', '-no-color', `-out=${file}`], options);
    const { stdout } = await run(terraform, ['show', '-json', file], options);
    const shown = JSON.parse(stdout) as { resource_changes?: ShownChange[] };
    const plan = { import: 0, add: 0, change: 0, remove: 0 };
    const notConverged: string[] = [];
    for (const { address = '', change } of shown.resource_changes ?? []) {
      const actions = change?.actions ?? [];
      if ('importing' in (change ?? {})) plan.import++;
      if (actions.includes('create')) plan.add++;
      if (actions.includes('delete')) plan.remove++;
      if (actions.length === 1 && actions[0] === 'update') plan.change++;
      if (actions.some((a) => a !== 'no-op' && a !== 'read')) {
        notConverged.push(`${address}: ${changedAttributes(change?.before, change?.after).join(', ')}`);
      }
    }
    return { plan, notConverged };
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
  if (!connection) {
    throw new ActionError(
      'credentials-missing',
      'okta-tf import asks Okta, so it needs the org and credentials as okta/okta reads them (OKTA_ORG_NAME, OKTA_BASE_URL and OKTA_API_TOKEN, or a service app)',
    );
  }
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

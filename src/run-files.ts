// What a run leaves on the runner that holds secrets, and the post step's removal of it: its files in RUNNER_TEMP
// (okta-tf-*: the plan file, its text and JSON, the backend settings, the summary, records) and the backend
// settings Terraform keeps in the root module's .terraform/terraform.tfstate (the backend's password, as
// backend-config gave it). A GitHub-hosted runner is gone after the job; a self-hosted one keeps its disk. A state
// the backend refused (okta-tf-errored-state-*) is never removed: it is the only copy of what the apply did, and
// the failure said how to push it.

import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Log } from './runtime.js';

const RUN_FILES = /^okta-tf-/;
const KEPT = /^okta-tf-errored-state-/;
/** Where `terraform init` writes the backend's settings, credentials included. */
const BACKEND_SETTINGS = join('.terraform', 'terraform.tfstate');

export interface RunFiles {
  /** RUNNER_TEMP. */
  readonly tempDir: string;
  /** The root module Terraform ran in, when the step got that far in reading its settings. */
  readonly workingDirectory: string | undefined;
}

/** Removes the run's files; says what it removed, and what it kept and why. */
export async function removeRunFiles(where: RunFiles, log: Pick<Log, 'info' | 'warning'>): Promise<void> {
  let names: string[];
  try {
    names = await readdir(where.tempDir);
  } catch {
    // No RUNNER_TEMP (the runner removed it, or the step never made it): none of the run's files are there.
    names = [];
  }
  const ours = names.filter((name) => RUN_FILES.test(name));
  const kept = ours.filter((name) => KEPT.test(name));
  for (const name of ours.filter((n) => !KEPT.test(n))) {
    await rm(join(where.tempDir, name), { recursive: true, force: true });
  }
  if (where.workingDirectory) await rm(join(where.workingDirectory, BACKEND_SETTINGS), { force: true });
  log.info(
    `Removed the run's files: ${ours.length - kept.length} in RUNNER_TEMP${where.workingDirectory ? `, and ${BACKEND_SETTINGS} (the backend's settings)` : ''} (keep-run-files: true keeps them).`,
  );
  for (const name of kept) {
    log.warning(
      `Kept ${join(where.tempDir, name)}: the state the backend refused, the only copy of what the apply did. It holds secrets: push it (terraform state push) and delete it.`,
    );
  }
}

// The only reader of inputs and the runner's environment: everything else gets a readonly, typed Settings.

import * as core from '@actions/core';
import { isAbsolute, relative, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { ActionError } from './errors.js';
import type { Environment } from './plan/org.js';

export interface Settings {
  /** Absolute path of the `terraform show -json` file to summarize. */
  readonly planJson: string;
  /** The Terraform root module, relative to the workspace, as the user wrote it ("." for the root). */
  readonly workingDirectory: string;
  /** The same, absolute. */
  readonly workingDirectoryPath: string;
  /** The Terraform workspace, for the review's header. */
  readonly terraformWorkspace: string;
  /** Where files the action writes for later steps go (RUNNER_TEMP). */
  readonly tempDir: string;
  readonly env: Environment;
}

function workingDirectory(workspace: string, input: string): { display: string; path: string } {
  const display = input.trim() || '.';
  const path = resolve(workspace, display);
  const inside = relative(workspace, path);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    throw new ActionError(
      'invalid-input',
      `working-directory "${display}" is outside the repository: give a path relative to the workspace, like orgs/production`,
    );
  }
  return { display: inside || '.', path };
}

export function readSettings(env: Environment = process.env): Settings {
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const directory = workingDirectory(workspace, core.getInput('working-directory'));
  const planJson = core.getInput('plan-json');
  if (!planJson) {
    throw new ActionError(
      'invalid-input',
      'the input plan-json is empty: set it to the file written by `terraform show -json PLANFILE > plan.json`',
    );
  }
  return {
    planJson: resolve(directory.path, planJson),
    workingDirectory: directory.display,
    workingDirectoryPath: directory.path,
    terraformWorkspace: env.TF_WORKSPACE?.trim() || 'default',
    tempDir: env.RUNNER_TEMP || tmpdir(),
    env: { OKTA_ORG_NAME: env.OKTA_ORG_NAME, OKTA_BASE_URL: env.OKTA_BASE_URL },
  };
}

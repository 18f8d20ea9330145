// Which Terraform (or OpenTofu) version to install: the input, else the configuration's required_version, else a
// version file (.terraform-version / .opentofu-version / .tool-versions) from the working directory up to the
// repository root, else the latest release.

import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { ModuleConfiguration } from '../configuration/module.js';
import { ActionError } from '../errors.js';
import { parseConstraints, parseVersion } from './versions.js';

export type Distribution = 'terraform' | 'opentofu';

type Constraints = NonNullable<ReturnType<typeof parseConstraints>>;

export interface VersionRequest {
  /** Every set must hold; none means the latest stable release. */
  readonly constraints: readonly Constraints[];
  /** tfenv's `latest:REGEX`: the newest release whose version matches. */
  readonly pattern?: RegExp;
  /** An exact version: the tool cache can answer without asking the releases index. */
  readonly exact?: string;
  /** Where the request came from, for the log and for errors. */
  readonly source: string;
}

const LATEST: Omit<VersionRequest, 'source'> = { constraints: [] };

function parseRequest(text: string, source: string): VersionRequest {
  const spec = text.trim();
  if (spec === '' || spec === 'latest') return { ...LATEST, source };
  if (spec.startsWith('latest:')) {
    try {
      return { constraints: [], pattern: new RegExp(spec.slice('latest:'.length)), source };
    } catch {
      throw new ActionError(
        'invalid-input',
        `${source} has "${spec}", whose pattern is not a valid regular expression`,
      );
    }
  }
  const constraints = parseConstraints(spec);
  if (!constraints) {
    throw new ActionError(
      'invalid-input',
      `${source} has "${spec}", which is not a version: write an exact version (1.11.4), a constraint (~> 1.9, >= 1.5, < 2.0) or latest`,
    );
  }
  const only = constraints.length === 1 ? constraints[0] : undefined;
  const exact = only?.operator === '=' && only.version.segments === 3 ? only.version.text : undefined;
  return { constraints: [constraints], source, ...(exact ? { exact } : {}) };
}

const VERSION_FILES: Record<Distribution, { file: string; tool: string }> = {
  terraform: { file: '.terraform-version', tool: 'terraform' },
  opentofu: { file: '.opentofu-version', tool: 'opentofu' },
};

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

function firstLine(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .map((line) => line.replace(/#.*$/, '').trim())
      .find((line) => line !== '') ?? ''
  );
}

/** The nearest version file between `directory` and `root` (inclusive). */
async function versionFile(
  distribution: Distribution,
  directory: string,
  root: string,
): Promise<{ text: string; source: string } | undefined> {
  const { file, tool } = VERSION_FILES[distribution];
  for (let dir = directory; ; dir = dirname(dir)) {
    const where = relative(root, dir) || '.';
    const own = await readOptional(join(dir, file));
    if (own !== undefined) return { text: firstLine(own), source: `${file} in ${where}` };
    const toolVersions = await readOptional(join(dir, '.tool-versions'));
    const line = toolVersions
      ?.split(/\r?\n/)
      .map((l) => l.replace(/#.*$/, '').trim().split(/\s+/))
      .find((words) => words[0] === tool);
    if (line && line[1]) return { text: line[1], source: `.tool-versions in ${where}` };
    if (dir === root || dirname(dir) === dir || relative(root, dir).startsWith('..')) return undefined;
  }
}

export async function resolveVersionRequest(options: {
  input: string;
  inputName: string;
  distribution: Distribution;
  /** The configuration's `required_version` settings (configuration/module.ts). */
  required: ModuleConfiguration['requiredVersions'];
  directory: string;
  root: string;
}): Promise<VersionRequest> {
  if (options.input.trim()) return parseRequest(options.input, `the input ${options.inputName}`);
  const { required } = options;
  if (required.length > 0) {
    const sets = required.map(({ file, constraint }) => {
      const parsed = parseConstraints(constraint);
      if (!parsed) {
        throw new ActionError(
          'invalid-input',
          `required_version "${constraint}" in ${file} is not a version constraint: fix it, or set the input ${options.inputName}`,
        );
      }
      return parsed;
    });
    const files = [...new Set(required.map((r) => r.file))].join(', ');
    return { constraints: sets, source: `required_version in ${files}` };
  }
  const file = await versionFile(options.distribution, options.directory, options.root);
  if (file) {
    if (/^(min-required|latest-allowed)$/.test(file.text)) {
      throw new ActionError(
        'invalid-input',
        `${file.source} says "${file.text}", which needs required_version in the configuration: add it, or write a version in the file`,
      );
    }
    if (parseVersion(file.text) && !/^v?\d+\.\d+\.\d+/.test(file.text)) {
      // "1.9" in a version file means that release line, not 1.9.0.
      return parseRequest(`~> ${file.text}.0`, file.source);
    }
    return parseRequest(file.text, file.source);
  }
  return { ...LATEST, source: 'no version given anywhere, so the latest release' };
}

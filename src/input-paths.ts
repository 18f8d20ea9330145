// What the inputs that name files and workspaces may name. A path input is resolved with its symlinks and must stay
// inside the repository checkout: a workflow's `var-file: /etc/passwd` (or a symlink in a pull request pointing
// out) would have Terraform read, and print in its errors, a file that is not the repository's. A workspace name
// follows Terraform's own rule (what url.PathEscape leaves alone), and never starts with "-", where it would be read
// as a flag.

import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { ActionError } from './errors.js';

/** `path` with every symlink resolved; undefined when it does not exist. */
function real(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function isInside(root: string, path: string): boolean {
  const inside = relative(root, path);
  return inside === '' || (!inside.startsWith('..') && !isAbsolute(inside));
}

/**
 * The absolute path of input `name`'s value `given` (relative to `base`), after its symlinks, when it is inside the
 * checkout `repository`; an invalid-input naming the input otherwise. A path that does not exist is returned as it
 * is: what reads it says so, in its own words.
 */
export function confinedPath(
  repository: string,
  base: string,
  given: string,
  name: string,
  alsoUnder?: string,
): string {
  const roots = [repository, ...(alsoUnder ? [alsoUnder] : [])].map((root) => real(root) ?? resolve(root));
  const lexical = resolve(base, given);
  const path = real(lexical);
  if (!path) return lexical;
  if (!roots.some((root) => isInside(root, path))) {
    throw new ActionError(
      'invalid-input',
      `the input ${name} names "${given}", which is outside the repository checkout${alsoUnder ? ' and RUNNER_TEMP' : ''} (symlinks followed): only the repository's own files may be used`,
    );
  }
  return path;
}

/** Terraform's workspace names: URL-safe, no path separators (its validWorkspaceName); here also no leading "-". */
const WORKSPACE_NAME = /^[A-Za-z0-9_.~$&+:=@][A-Za-z0-9_.~$&+:=@-]*$/;

export function checkWorkspaceName(name: string): string {
  if (!WORKSPACE_NAME.test(name) || name === '.' || name === '..') {
    throw new ActionError(
      'invalid-input',
      `the input workspace "${name}" is not a Terraform workspace name: use letters, digits and - _ . (no spaces, no "/", not starting with "-")`,
    );
  }
  return name;
}

/** The working-directory input: as the review names it (relative, "." for the root) and as a path. */
export function workingDirectory(workspace: string, input: string): { display: string; path: string } {
  const display = input.trim() || '.';
  const path = resolve(workspace, display);
  const inside = relative(workspace, path);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    throw new ActionError(
      'invalid-input',
      `working-directory "${display}" is outside the repository: give a path relative to the workspace, like orgs/production`,
    );
  }
  return { display: inside || '.', path: confinedPath(workspace, workspace, display, 'working-directory') };
}

/** Path inputs, relative to the working directory: checked to stay in the checkout, passed on as given. */
export function confined(
  paths: string[],
  name: string,
  where: { repository: string; directory: string },
): string[] {
  for (const path of paths) confinedPath(where.repository, where.directory, path, name);
  return paths;
}

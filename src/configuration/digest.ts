// A digest of the configuration a plan is made from, as checked out, before `terraform init` writes anything: the
// root module's directory (every file, sub-directories too), each local module it calls (followed from module to
// module, inside the checkout) and the var-files. A plan file is applied on merge only when the merged checkout has
// the same digest: otherwise the branch moved on after the plan (a later commit, another pull request merged),
// and the plan file would apply a configuration the default branch no longer has.
//
// Broad on purpose: a file that can't change the plan (a README) changes the digest too. That costs a re-plan,
// never a wrong apply.

import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { readModuleConfiguration } from './module.js';

/** Terraform's own directory, the checkout's git data, and state files of a local backend: not configuration. */
const SKIPPED_DIRECTORIES = new Set(['.terraform', '.git', 'terraform.tfstate.d']);
const SKIPPED_FILE = /\.tfstate(\.backup)?$|^\.terraform\.tfstate\.lock\.info$/;

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

async function filesUnder(directory: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) files.push(...(await filesUnder(path)));
    } else if (!SKIPPED_FILE.test(entry.name)) {
      files.push(path);
    }
  }
  return files;
}

/** The root module and every local module it reaches (`./` and `../` sources), inside the checkout. */
async function moduleDirectories(root: string, repository: string): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [root];
  while (queue.length > 0) {
    const directory = queue.shift() as string;
    if (seen.has(directory)) continue;
    seen.add(directory);
    const { moduleSources } = await readModuleConfiguration(directory);
    for (const source of moduleSources) {
      if (!source.startsWith('./') && !source.startsWith('../')) continue;
      const target = resolve(directory, source);
      if (inside(repository, target)) queue.push(target);
    }
  }
  return [...seen];
}

/**
 * sha256 over each file's path in the checkout and content. `varFiles` are relative to the root module, as the
 * var-file input gives them.
 */
export async function configurationDigest(
  root: string,
  repository: string,
  varFiles: readonly string[],
): Promise<string> {
  const files = new Set<string>(varFiles.map((file) => resolve(root, file)));
  for (const directory of await moduleDirectories(root, repository)) {
    for (const file of await filesUnder(directory)) files.add(file);
  }
  const lines: string[] = [];
  for (const file of files) {
    // A var-file that is missing fails the plan itself; here it is only "not the same file".
    const content = await readFile(file).catch(() => Buffer.from('(missing)'));
    lines.push(`${relative(repository, file)}\0${createHash('sha256').update(content).digest('hex')}`);
  }
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex');
}

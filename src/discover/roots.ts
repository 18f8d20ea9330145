// The Terraform root modules of a repository (one per Okta org, as Okta recommends) and the local modules each
// calls, so a pull request can be planned for exactly the orgs its files affect.

import { readdir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { readModuleConfiguration, type ModuleConfiguration } from '../configuration/module.js';

export interface RootModule {
  /** Relative to the repository, with "/" separators ("." for the root). */
  readonly directory: string;
  /** The local module directories it calls, directly or through other modules. */
  readonly modules: readonly string[];
  /** "acme.okta.com" when the provider block names the org with literals. */
  readonly org?: string;
}

interface ModuleDir {
  readonly directory: string;
  readonly isRoot: boolean;
  readonly calls: string[];
  readonly org?: string;
}

const SKIP = new Set(['.git', '.terraform', 'node_modules', '.github']);

function toPosix(path: string): string {
  return path.split(sep).join('/') || '.';
}

function hasConfiguration(name: string): boolean {
  return name.endsWith('.tf') || name.endsWith('.tf.json');
}

async function terraformDirs(root: string, dir = root, found: string[] = []): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && hasConfiguration(e.name))) found.push(dir);
  for (const entry of entries) {
    if (entry.isDirectory() && !SKIP.has(entry.name) && !entry.name.startsWith('.')) {
      await terraformDirs(root, join(dir, entry.name), found);
    }
  }
  return found;
}

/** "acme.okta.com" from the default okta provider block's literals (else the first okta block's). */
function orgOf(configuration: ModuleConfiguration): string | undefined {
  const okta = configuration.providers.filter((p) => p.name === 'okta');
  const block = okta.find((p) => !p.attributes.has('alias')) ?? okta[0];
  const orgName = block?.attributes.get('org_name');
  const baseUrl = block?.attributes.get('base_url');
  return orgName && baseUrl ? `${orgName}.${baseUrl}` : undefined;
}

async function readModuleDir(root: string, dir: string): Promise<ModuleDir> {
  const configuration = await readModuleConfiguration(dir);
  const calls = configuration.moduleSources
    .filter((source) => source.startsWith('./') || source.startsWith('../'))
    .map((source) => toPosix(relative(root, resolve(dir, source))));
  const org = orgOf(configuration);
  return {
    directory: toPosix(relative(root, dir)),
    isRoot: configuration.hasBackend || configuration.providers.length > 0,
    calls,
    ...(org ? { org } : {}),
  };
}

/** Every root module: a directory with a backend or provider configuration that no other module calls. */
export async function findRootModules(repository: string): Promise<RootModule[]> {
  const dirs = await Promise.all((await terraformDirs(repository)).map((d) => readModuleDir(repository, d)));
  const byPath = new Map(dirs.map((d) => [d.directory, d]));
  const called = new Set(dirs.flatMap((d) => d.calls));
  const closure = (start: ModuleDir): string[] => {
    const seen = new Set<string>();
    const visit = (calls: readonly string[]): void => {
      for (const call of calls) {
        if (seen.has(call)) continue;
        seen.add(call);
        visit(byPath.get(call)?.calls ?? []);
      }
    };
    visit(start.calls);
    return [...seen].sort();
  };
  return dirs
    .filter((d) => d.isRoot && !called.has(d.directory))
    .map((d) => ({ directory: d.directory, modules: closure(d), ...(d.org ? { org: d.org } : {}) }))
    .sort((a, b) => a.directory.localeCompare(b.directory));
}

/** Within `directory`; for the repository root, only the files directly in it (a root module there). */
function inside(file: string, directory: string): boolean {
  return directory === '.' ? !file.includes('/') : file.startsWith(`${directory}/`);
}

/** The roots a change to `files` (repository-relative) affects: their own files, or a local module they call. */
export function affectedRoots(roots: readonly RootModule[], files: readonly string[]): RootModule[] {
  const owner = (file: string): string | undefined =>
    // A file belongs to the deepest root module containing it.
    roots
      .map((r) => r.directory)
      .filter((d) => inside(file, d))
      .sort((a, b) => b.length - a.length)[0];
  return roots.filter((root) =>
    files.some((file) => owner(file) === root.directory || root.modules.some((m) => inside(file, m))),
  );
}

/**
 * Each root's label: its directory's last part, or the whole directory with "-" when two roots share that part.
 * Computed over all the repository's roots, never only those a pull request touches, so a root has the same label
 * on the pull request and on the push of its merge (the review is found by it).
 */
export function rootLabels(roots: readonly RootModule[]): Map<string, string> {
  const names = roots.map((r) =>
    r.directory === '.' ? 'root' : (r.directory.split('/').pop() ?? r.directory),
  );
  return new Map(
    roots.map((r, i) => [
      r.directory,
      names.indexOf(names[i] as string) === names.lastIndexOf(names[i] as string)
        ? (names[i] as string)
        : r.directory.replace(/\//g, '-'),
    ]),
  );
}

/** A label as a secret or variable name's suffix: GitHub allows only letters, digits and "_" there. */
export function secretKey(label: string): string {
  return label.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

/**
 * GitHub's strategy.matrix: one entry per chosen org, labelled as among `all` the roots, with `key` for its
 * per-org secrets (OKTA_API_TOKEN_<key>).
 */
export function matrixOf(
  chosen: readonly RootModule[],
  all: readonly RootModule[] = chosen,
): { include: Array<Record<string, string>> } {
  const labels = rootLabels(all);
  return {
    include: chosen.map((r) => {
      const label = labels.get(r.directory) ?? r.directory.replace(/\//g, '-');
      return { directory: r.directory, label, key: secretKey(label), ...(r.org ? { org: r.org } : {}) };
    }),
  };
}

// What a Terraform module directory's configuration (.tf and .tf.json files) says, read once: the one reader behind
// the working-directory check, the Okta credentials preflight, the version to install and discover's root modules.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHcl, parseHclJson, type HclBlock, type HclFile } from './hcl.js';

export interface ProviderBlock {
  /** The provider's local name ("okta"). */
  readonly name: string;
  /** Every attribute set in the block, with its literal string when it is one. */
  readonly attributes: ReadonlyMap<string, string | undefined>;
}

export interface ModuleConfiguration {
  /** The .tf and .tf.json files, sorted. */
  readonly files: readonly string[];
  /** Every `required_version`, in file order. */
  readonly requiredVersions: ReadonlyArray<{ readonly file: string; readonly constraint: string }>;
  readonly providers: readonly ProviderBlock[];
  /** Each module call's literal `source`. */
  readonly moduleSources: readonly string[];
  /** A `backend` or `cloud` block: where state lives is configured here. */
  readonly hasBackend: boolean;
  /** okta/okta is used: an okta_* resource or data source, a provider "okta" block, or okta/okta required or locked. */
  readonly usesOkta: boolean;
  /** Where each resource block and module call is declared: "okta_group.eng" or "module.apps" → file and line. */
  readonly declarations: ReadonlyMap<string, { readonly file: string; readonly line: number }>;
}

const OKTA_SOURCE = /(^|\/)okta\/okta$/;
const LOCK_FILE = '.terraform.lock.hcl';

function isConfigurationFile(name: string): boolean {
  return name.endsWith('.tf') || name.endsWith('.tf.json');
}

async function parseFile(directory: string, name: string): Promise<HclFile> {
  const text = await readFile(join(directory, name), 'utf8');
  return name.endsWith('.json') ? parseHclJson(text) : parseHcl(text);
}

function ofType(blocks: readonly HclBlock[], type: string): HclBlock[] {
  return blocks.filter((b) => b.type === type);
}

/** Reads every .tf and .tf.json file of `directory` (and its lock file). A missing directory reads as empty. */
export async function readModuleConfiguration(directory: string): Promise<ModuleConfiguration> {
  let names: string[];
  try {
    names = (await readdir(directory)).sort();
  } catch {
    names = [];
  }
  const files = names.filter(isConfigurationFile);
  const requiredVersions: Array<{ file: string; constraint: string }> = [];
  const providers: ProviderBlock[] = [];
  const moduleSources: string[] = [];
  let hasBackend = false;
  let usesOkta = false;
  const declarations = new Map<string, { file: string; line: number }>();
  for (const file of files) {
    const parsed = await parseFile(directory, file);
    for (const block of parsed.blocks) {
      const [first, second] = block.labels;
      if (block.type === 'resource' && first && second)
        declarations.set(`${first}.${second}`, { file, line: block.line });
      if (block.type === 'module' && first) declarations.set(`module.${first}`, { file, line: block.line });
    }
    for (const terraform of ofType(parsed.blocks, 'terraform')) {
      const constraint = terraform.body.attributes.get('required_version');
      if (constraint !== undefined) requiredVersions.push({ file, constraint });
      if (terraform.body.blocks.some((b) => b.type === 'backend' || b.type === 'cloud')) hasBackend = true;
    }
    for (const provider of ofType(parsed.blocks, 'provider')) {
      providers.push({ name: provider.labels[0] ?? '', attributes: provider.body.attributes });
    }
    for (const call of ofType(parsed.blocks, 'module')) {
      const source = call.body.attributes.get('source');
      if (source !== undefined) moduleSources.push(source);
    }
    const oktaObjects = parsed.blocks.some(
      (b) => (b.type === 'resource' || b.type === 'data') && b.labels[0]?.startsWith('okta_'),
    );
    if (oktaObjects || parsed.strings.some((s) => OKTA_SOURCE.test(s))) usesOkta = true;
  }
  if (providers.some((p) => p.name === 'okta')) usesOkta = true;
  if (!usesOkta && names.includes(LOCK_FILE)) {
    usesOkta = Object.keys(await lockedProviders(directory)).some((source) => OKTA_SOURCE.test(source));
  }
  return { files, requiredVersions, providers, moduleSources, hasBackend, usesOkta, declarations };
}

/** Provider source → locked version, from the directory's .terraform.lock.hcl ({} without one). */
export async function lockedProviders(directory: string): Promise<Record<string, string>> {
  let lock: HclFile;
  try {
    lock = await parseFile(directory, LOCK_FILE);
  } catch {
    return {};
  }
  const versions: Record<string, string> = {};
  for (const block of ofType(lock.blocks, 'provider')) {
    const source = block.labels[0];
    if (source) versions[source] = block.body.attributes.get('version') ?? '';
  }
  return versions;
}

// Bringing objects made in the Admin Console under Terraform (Okta's guide terraform-import-existing-resources):
// an `import` block per object, named after it; Terraform itself writes their configuration
// (`terraform plan -generate-config-out`); then that file is tidied: one file per kind, attributes Terraform wrote as
// null left out (they say "not set", which is what leaving them out says), and an imported object's raw Okta ID
// replaced by a reference to it, so that the configuration says which group a rule fills, not an opaque ID.

import type { UnmanagedObject } from './unmanaged.js';

/** A Terraform name for an Okta object: its name in lower case, words joined by _ (unique within its type). */
function resourceName(name: string, taken: Set<string>): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'object';
  const safe = /^[a-z_]/.test(base) ? base : `_${base}`;
  let candidate = safe;
  for (let n = 2; taken.has(candidate); n++) candidate = `${safe}_${n}`;
  taken.add(candidate);
  return candidate;
}

export interface ImportTarget {
  readonly object: UnmanagedObject;
  /** The resource address it is imported to, e.g. okta_group.contractors. */
  readonly address: string;
}

/** Each object's address, named after it. */
export function importTargets(objects: readonly UnmanagedObject[]): ImportTarget[] {
  const taken = new Map<string, Set<string>>();
  return objects.map((object) => {
    const names = taken.get(object.type) ?? new Set<string>();
    taken.set(object.type, names);
    return { object, address: `${object.type}.${resourceName(object.name, names)}` };
  });
}

const quoted = (text: string): string => JSON.stringify(text);

/** What `terraform import` takes (okta/okta's docs, "Import"): the ID, or for a rule <policy_id>/<rule_id>... */
const importId = (object: UnmanagedObject): string => object.importId ?? object.id;

/** The import blocks, one per object, with the object's name as a comment (names are the admin's, not secret). */
export function importBlocks(targets: readonly ImportTarget[]): string {
  const blocks = targets.map(
    ({ object, address }) =>
      `# ${object.name.replace(/[\r\n]+/g, ' ')}\nimport {\n  to = ${address}\n  id = ${quoted(importId(object))}\n}\n`,
  );
  return `# Made outside Terraform, imported by okta-tf import.\n\n${blocks.join('\n')}`;
}

/** The file a kind's configuration goes to: okta_group → okta_group.tf. */
const fileOf = (type: string): string => `${type}.tf`;

/**
 * Terraform's generated configuration, tidied: one file per resource type, null attributes left out, and each
 * imported object's ID (as a string of its own in the configuration) replaced by a reference to its `id`.
 */
export function tidyGenerated(generated: string, targets: readonly ImportTarget[]): Map<string, string> {
  const references = new Map(targets.map((t) => [quoted(t.object.id), `${t.address}.id`]));
  const files = new Map<string, string[]>();
  const blocks = generated.split(/^(?=resource ")/m).slice(1);
  for (const block of blocks) {
    const type = /^resource "([^"]+)"/.exec(block)?.[1];
    if (!type) continue;
    const body = block
      .replace(/\n# __generated__[^\n]*\n?$/, '\n')
      .split('\n')
      .filter((line) => !/^\s+[\w-]+\s*=\s*null\s*$/.test(line))
      .map((line) => line.replace(/"[^"\\]*"/g, (text) => references.get(text) ?? text))
      .join('\n')
      .trimEnd();
    const list = files.get(fileOf(type)) ?? [];
    list.push(`${body}\n`);
    files.set(fileOf(type), list);
  }
  return new Map([...files].map(([file, list]) => [file, list.join('\n')]));
}

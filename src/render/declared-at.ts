// Where the configuration declares a plan address: the resource block ("okta_group.eng[0]" → okta_group.eng), or
// the module call of an object inside a module, as a file relative to the repository root and a line.

import { join, relative } from 'node:path';
import type { ModuleConfiguration } from '../configuration/module.js';

export interface Declared {
  readonly file: string;
  readonly line: number;
}

function declaringBlock(address: string): string | null {
  const module = /^module\.([A-Za-z0-9_-]+)/.exec(address);
  if (module) return `module.${module[1]}`;
  return /^([A-Za-z0-9_]+\.[A-Za-z0-9_-]+)/.exec(address)?.[1] ?? null;
}

/** `where.directory` is the module's directory; `where.repository` the checkout's root. */
export function declaredAt(
  address: string,
  configuration: Pick<ModuleConfiguration, 'declarations'>,
  where: { readonly directory: string; readonly repository: string },
): Declared | null {
  const block = declaringBlock(address);
  const declared = block ? configuration.declarations.get(block) : undefined;
  return declared
    ? { file: relative(where.repository, join(where.directory, declared.file)), line: declared.line }
    : null;
}

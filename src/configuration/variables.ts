// The values of the root module's variables declared `sensitive = true`, from every place Terraform takes them that
// is a file: their defaults, terraform.tfvars, *.auto.tfvars (and their .json forms) and the var-file inputs. A
// workflow often writes a secret into such a file just before the plan; Terraform echoes values in its errors, so
// each is a secret of the run before Terraform starts. (Values in TF_VAR_* variables and the `variables` input are
// secrets whatever their declaration: settings.ts.)

import { readdir, readFile } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { parseHcl, parseHclJson, type HclBody } from './hcl.js';

const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** The literal values an expression holds: its strings and numbers. */
function literals(expression: string): string[] {
  if (NUMBER.test(expression)) return [expression];
  const parsed = parseHcl(`x = ${expression}\n`);
  const numbers = [...expression.matchAll(/(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])/g)].map((m) => m[0]);
  return [...parsed.strings, ...numbers];
}

/** Every JSON string and number in a value. */
function jsonLiterals(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(jsonLiterals);
  if (value && typeof value === 'object') return Object.values(value).flatMap(jsonLiterals);
  return [];
}

/** The names of the variables declared sensitive in these .tf / .tf.json bodies, and their defaults' literals. */
function declaredSensitive(bodies: readonly HclBody[]): { names: Set<string>; defaults: string[] } {
  const names = new Set<string>();
  const defaults: string[] = [];
  for (const block of bodies.flatMap((b) => b.blocks)) {
    const name = block.labels[0];
    if (block.type !== 'variable' || !name || block.body.expressions.get('sensitive') !== 'true') continue;
    names.add(name);
    const value = block.body.expressions.get('default');
    if (value !== undefined) defaults.push(...literals(value));
  }
  return { names, defaults };
}

function isAutoLoaded(name: string): boolean {
  return /^terraform\.tfvars(\.json)?$/.test(name) || /\.auto\.tfvars(\.json)?$/.test(name);
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    // A var-file Terraform can't read is its error to report.
    return undefined;
  }
}

/** The values a variables file gives the sensitive variables. */
function valuesIn(file: string, text: string, names: ReadonlySet<string>): string[] {
  if (file.endsWith('.json')) {
    try {
      const data = JSON.parse(text) as Record<string, unknown>;
      return Object.entries(data).flatMap(([name, value]) => (names.has(name) ? jsonLiterals(value) : []));
    } catch {
      return [];
    }
  }
  const { expressions } = parseHcl(text);
  return [...expressions].flatMap(([name, expression]) => (names.has(name) ? literals(expression) : []));
}

/** The values of the sensitive variables in `directory`'s configuration and variables files. */
export async function sensitiveVariableValues(
  directory: string,
  varFiles: readonly string[],
): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(directory)).sort();
  } catch {
    return [];
  }
  const bodies: HclBody[] = [];
  for (const name of names.filter((n) => n.endsWith('.tf') || n.endsWith('.tf.json'))) {
    const text = (await readText(join(directory, name))) ?? '';
    bodies.push(name.endsWith('.json') ? parseHclJson(text) : parseHcl(text));
  }
  const declared = declaredSensitive(bodies);
  if (declared.names.size === 0) return [];
  // var-file inputs are relative to the root module, where Terraform runs.
  const files = [...names.filter(isAutoLoaded), ...varFiles].map((f) =>
    isAbsolute(f) ? f : join(directory, f),
  );
  const values = [...declared.defaults];
  for (const file of files) {
    const text = await readText(file);
    if (text !== undefined) values.push(...valuesIn(basename(file), text, declared.names));
  }
  return values;
}

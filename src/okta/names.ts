// Human names for Okta objects: "Engineering" rather than okta_group.eng, and "App Slack ← group Engineering"
// rather than two Okta IDs. Name templates come from the catalog; IDs resolve through the objects of the plan and its
// prior state, or, for objects created by the same plan (IDs not known yet), through the configuration's references.

export type Placeholder = { readonly kind: 'value' | 'ref' | 'count'; readonly path: string };
export type TemplatePart = string | Placeholder;

const PLACEHOLDER = /\{([@#]?)([A-Za-z0-9_.]+)\}/g;
const MAX_LISTED = 3;

export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(template.slice(last, match.index));
    const kind = match[1] === '@' ? 'ref' : match[1] === '#' ? 'count' : 'value';
    parts.push({ kind, path: match[2] as string });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

export function placeholdersOf(templates: readonly string[]): Placeholder[] {
  const seen = new Map<string, Placeholder>();
  for (const template of templates) {
    for (const part of parseTemplate(template)) {
      if (typeof part !== 'string') seen.set(`${part.kind}:${part.path}`, part);
    }
  }
  return [...seen.values()];
}

/** The value at a dotted path (`a.b`, `a.0`), with the matching part of an unknown or sensitive mask. */
function at(value: unknown, path: string): unknown {
  let current = value;
  for (const segment of path.split('.')) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (current && typeof current === 'object' && Object.hasOwn(current, segment)) {
      current = (current as Record<string, unknown>)[segment];
    } else return undefined;
  }
  return current;
}

/**
 * Placeholder path → value, in two short arrays: one is kept per changed object until names are resolved, and a
 * Map costs about 200 bytes (20 MB for an import of 100,000 objects); a type's names read at most a few paths.
 */
export class NameValues {
  /** Arrays of their exact length: an array grown by push keeps room for 17 elements. */
  constructor(
    private readonly paths: readonly string[],
    private readonly found: readonly unknown[],
  ) {}

  get(path: string): unknown {
    const i = this.paths.indexOf(path);
    return i < 0 ? undefined : this.found[i];
  }
}

/** What an object's name needs, kept after the object's (possibly large) values are dropped. */
export interface NameInputs {
  /** Placeholder path → value (the count, for count placeholders). Missing: unknown, sensitive or null. */
  readonly values: NameValues;
  /** Paths marked sensitive: never a name, not even from the configuration's literal. */
  readonly sensitive: ReadonlySet<string>;
}

function isMasked(mask: unknown, path: string): boolean {
  let current = mask;
  for (const segment of path.split('.')) {
    if (current === true) return true;
    if (!current || typeof current !== 'object') return false;
    current = (current as Record<string, unknown>)[segment];
  }
  return current === true;
}

const NONE: ReadonlySet<string> = new Set();
const NO_VALUES = new NameValues([], []);

export function captureNameInputs(
  placeholders: readonly Placeholder[],
  object: unknown,
  unknownMask: unknown,
  sensitiveMask: unknown,
): NameInputs {
  const paths: string[] = [];
  const found: unknown[] = [];
  let sensitive: Set<string> | null = null;
  for (const { kind, path } of placeholders) {
    if (isMasked(sensitiveMask, path)) {
      (sensitive ??= new Set()).add(path);
      continue;
    }
    if (isMasked(unknownMask, path)) continue;
    const value = at(object, path);
    if (value === null || value === undefined) continue;
    paths.push(kind === 'count' ? `#${path}` : path);
    found.push(kind === 'count' ? (Array.isArray(value) ? value.length : undefined) : value);
  }
  const values = paths.length ? new NameValues(paths.slice(), found.slice()) : NO_VALUES;
  return { values, sensitive: sensitive ?? NONE };
}

/** Ways to turn an ID, or a reference in the configuration, into a name. */
export interface NameResolver {
  /** Name of the object whose `id` is `id`. */
  readonly byId: (id: string) => string | null;
  /** Name of the object the owner's `attribute` refers to in the configuration (objects the plan creates). */
  readonly byReference: (owner: string, attribute: string) => string | null;
  /** The owner's attribute as a literal in the configuration (for values unknown until apply). */
  readonly constant: (owner: string, attribute: string) => unknown;
}

function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() ? value : null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function listText(names: string[]): string {
  const shown = names.slice(0, MAX_LISTED).join(', ');
  return names.length > MAX_LISTED ? `${shown} and ${names.length - MAX_LISTED} more` : shown;
}

function resolvePart(
  part: Placeholder,
  inputs: NameInputs,
  resolver: NameResolver,
  owner: string,
): string | null {
  if (part.kind === 'count') {
    const count = inputs.values.get(`#${part.path}`);
    return typeof count === 'number' ? String(count) : null;
  }
  if (inputs.sensitive.has(part.path)) return null;
  const value = inputs.values.get(part.path);
  if (part.kind === 'value') return scalarText(value) ?? scalarText(resolver.constant(owner, part.path));
  if (value === undefined) return resolver.byReference(owner, part.path);
  const ids = (Array.isArray(value) ? value : [value]).map(scalarText);
  const names = ids.map((id) => (id === null ? null : resolver.byId(id)));
  if (names.length > 0 && names.every((n): n is string => n !== null)) return listText(names);
  return resolver.byReference(owner, part.path);
}

/** The first template that fully resolves, or null. */
export function renderName(
  templates: readonly string[],
  inputs: NameInputs,
  resolver: NameResolver,
  owner: string,
): string | null {
  for (const template of templates) {
    let text = '';
    let complete = true;
    for (const part of parseTemplate(template)) {
      const piece = typeof part === 'string' ? part : resolvePart(part, inputs, resolver, owner);
      if (piece === null) {
        complete = false;
        break;
      }
      text += piece;
    }
    if (complete && text.trim()) return text;
  }
  return null;
}

/** Splits a resource address into its parts, keeping instance keys (`["a.b"]`, `[0]`) whole. */
function addressParts(address: string): { path: string; key: string | null }[] {
  const parts: { path: string; key: string | null }[] = [];
  let i = 0;
  while (i < address.length) {
    let name = '';
    while (i < address.length && address[i] !== '.' && address[i] !== '[') name += address[i++];
    let key: string | null = null;
    if (address[i] === '[') {
      const start = i;
      let inString = false;
      for (i++; i < address.length; i++) {
        const c = address[i];
        if (inString && c === '\\') i++;
        else if (c === '"') inString = !inString;
        else if (c === ']' && !inString) break;
      }
      key = address.slice(start, ++i);
    }
    parts.push({ path: name, key });
    if (address[i] === '.') i++;
  }
  return parts;
}

/** `module.org["a"].okta_group.eng["x"]` → `module.org.okta_group.eng`: the address of the configuration block. */
export function configAddressOf(address: string): string {
  return addressParts(address)
    .map((p) => p.path)
    .join('.');
}

/** The instance key of an address (`["Engineering"]` → "Engineering", `[0]` → 0), or null. */
export function instanceKeyOf(address: string): string | number | null {
  const key = addressParts(address).at(-1)?.key;
  if (!key) return null;
  try {
    const parsed: unknown = JSON.parse(key.slice(1, -1));
    return typeof parsed === 'string' || typeof parsed === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

/** The resource address a configuration reference points at: `okta_group.eng["x"].id` → `okta_group.eng["x"]`. */
export function referencedAddress(reference: string): string | null {
  const parts = addressParts(reference);
  const first = parts[0]?.path;
  // var.x, local.x, each.key, module.x.output... name no resource of this module.
  if (!first || ['var', 'local', 'each', 'count', 'path', 'terraform', 'self', 'module'].includes(first))
    return null;
  const count = first === 'data' ? 3 : 2;
  if (parts.length < count) return null;
  return parts
    .slice(0, count)
    .map((p) => p.path + (p.key ?? ''))
    .join('.');
}

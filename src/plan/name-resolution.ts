// Gives every changed object its human name once the whole plan has been read: IDs resolve through the changed
// objects and the prior state, references through the configuration.

import type { OktaType } from '../okta/catalog.js';
import {
  configAddressOf,
  instanceKeyOf,
  referencedAddress,
  renderName,
  type NameInputs,
  type NameResolver,
  type Placeholder,
} from '../okta/names.js';
import { stringsOf } from './change-facts.js';
import type { ConfigResource } from './indexed-resources.js';
import type { AttributeChange } from './types.js';

/** Okta IDs are 20 characters: a 3-character prefix per kind of object (00u users, 00g groups, 0oa apps...). */
const OKTA_ID = /"([0-9a-z]{3}[A-Za-z0-9]{17})"/g;
const MAX_ID_NAME = 60;

/** The Okta IDs in attribute values (not an object's own id), for prior state to keep their names. */
export function oktaIdsIn(attributes: readonly AttributeChange[]): string[] {
  const ids: string[] = [];
  for (const a of attributes) {
    if (a.path === 'id') continue;
    for (const text of [a.before, a.after])
      if (text) for (const m of text.matchAll(OKTA_ID)) ids.push(m[1] as string);
  }
  return ids;
}

/** `"00u1…"` → `"00u1…" (alice@acme.example)`, for the IDs the plan can name; an object's own id stays bare. */
export function nameOktaIds(
  attributes: Pick<AttributeChange, 'path' | 'before' | 'after'>[],
  byId: (id: string) => string | null,
): void {
  const annotate = (text: string | null): string | null =>
    text?.replace(OKTA_ID, (quoted, id: string) => {
      const name = byId(id);
      if (!name) return quoted;
      return `${quoted} (${name.length > MAX_ID_NAME ? `${name.slice(0, MAX_ID_NAME - 1)}…` : name})`;
    }) ?? null;
  for (const a of attributes) {
    if (a.path === 'id') continue;
    a.before = annotate(a.before);
    a.after = annotate(a.after);
  }
}

interface Nameable {
  readonly address: string;
  readonly info: OktaType;
  /** Inputs for the object's current name: after the change, or before it for removals. */
  readonly after: NameInputs;
}

export interface NamedObject extends Nameable {
  readonly type: string;
  readonly ids: readonly string[];
  /** Inputs for the name before an update, to show renames ("Old → New"). */
  readonly before: NameInputs | null;
}

export interface PriorObject extends Nameable {
  readonly id: string;
}

/** Per configuration address: the resources referenced by, and the literals of, the attributes that name objects. */
export type ConfigNames = Map<string, { refs: Map<string, string[]>; constants: Map<string, unknown> }>;

/**
 * What a configuration resource block says of the names of its object (its name placeholders): the resources its
 * expressions refer to, and its constants. Null when it says nothing.
 */
export function configNameInputs(
  resource: ConfigResource,
  placeholders: readonly Placeholder[],
): { refs: Map<string, string[]>; constants: Map<string, unknown> } | null {
  const refs = new Map<string, string[]>();
  const constants = new Map<string, unknown>();
  for (const p of placeholders) {
    const expression = resource.expressions[p.path.split('.')[0] as string];
    if (!expression || typeof expression !== 'object' || Array.isArray(expression)) continue;
    const { references, constant_value: constant } = expression as Record<string, unknown>;
    const prefix = resource.modulePath ? `${resource.modulePath}.` : '';
    // Resolved to resource addresses before the module prefix goes on: "module.x..." is no resource reference.
    const addresses = stringsOf(references)
      .map(referencedAddress)
      .filter((a): a is string => a !== null)
      .map((a) => prefix + a);
    if (addresses.length) refs.set(p.path, addresses);
    if (constant !== undefined && p.kind === 'value') constants.set(p.path, constant);
  }
  return refs.size || constants.size ? { refs, constants } : null;
}

export interface ResolvedNames {
  readonly changes: string[];
  readonly drift: string[];
  /** The name of the object with this Okta ID, when the plan knows it. */
  readonly byId: (id: string) => string | null;
}

/** Named by its own attributes (a group by its name), not through other objects (an assignment by its app). */
function namesItself(object: Nameable): boolean {
  return !(object.info.names[0] ?? '').includes('{@');
}

/**
 * "Policy / Old → Policy / New" reads as "Policy / Old → New". A name that holds an arrow itself (a role
 * assignment: "HELP_DESK_ADMIN → group Eng") would read as a chain: it is "New (was: Old)".
 */
function renamed(previous: string, current: string): string {
  if (previous.includes(' → ') || current.includes(' → ')) return `${current} (was: ${previous})`;
  let shared = 0;
  while (shared < previous.length && previous[shared] === current[shared]) shared++;
  const cut = previous.lastIndexOf(' / ', shared - 1);
  return cut < 0 ? `${previous} → ${current}` : `${previous} → ${current.slice(cut + 3)}`;
}

export function resolveNames(
  changes: readonly NamedObject[],
  drift: readonly NamedObject[],
  prior: readonly PriorObject[],
  config: ConfigNames,
): ResolvedNames {
  const byAddress = new Map<string, Nameable>();
  const byConfigAddress = new Map<string, Nameable[]>();
  // Several objects can share an ID (okta_group_memberships and okta_app_group_assignment take their group's), so
  // each ID keeps every candidate, the object named by its own attributes (the group) first: it is what the ID is.
  const byId = new Map<string, Nameable[]>();
  const addById = (id: string, object: Nameable): void => {
    const list = byId.get(id);
    if (!list) byId.set(id, [object]);
    else if (namesItself(object)) list.unshift(object);
    else list.push(object);
  };
  const add = <K>(map: Map<K, Nameable[]>, key: K, object: Nameable): void => {
    const list = map.get(key);
    if (list) list.push(object);
    else map.set(key, [object]);
  };
  for (const object of changes) {
    byAddress.set(object.address, object);
    add(byConfigAddress, configAddressOf(object.address), object);
    for (const id of object.ids) addById(id, object);
  }
  for (const object of prior) addById(object.id, object);

  const cache = new Map<Nameable, string | null>();
  const resolving = new Set<Nameable>();
  const nameOf = (object: Nameable | undefined): string | null => {
    if (!object || resolving.has(object)) return null;
    if (cache.has(object)) return cache.get(object) ?? null;
    resolving.add(object);
    const name = renderName(object.info.names, object.after, resolver, object.address);
    resolving.delete(object);
    cache.set(object, name);
    return name;
  };

  /** The object a configuration reference (already a resource address, module path included) points at. */
  const target = (address: string, owner: string): Nameable | undefined => {
    const exact = byAddress.get(address);
    if (exact) return exact;
    const instances = byConfigAddress.get(configAddressOf(address)) ?? [];
    if (instances.length === 1) return instances[0];
    const ownerKey = instanceKeyOf(owner);
    return ownerKey === null ? undefined : instances.find((i) => instanceKeyOf(i.address) === ownerKey);
  };

  const resolver: NameResolver = {
    byId: (id) => {
      for (const candidate of byId.get(id) ?? []) {
        const name = nameOf(candidate);
        if (name) return name;
      }
      return null;
    },
    byReference: (owner, attribute) => {
      for (const reference of config.get(configAddressOf(owner))?.refs.get(attribute) ?? []) {
        const name = nameOf(target(reference, owner));
        if (name) return name;
      }
      return null;
    },
    constant: (owner, attribute) => config.get(configAddressOf(owner))?.constants.get(attribute),
  };

  const finalName = (object: NamedObject): string => {
    const current = nameOf(object);
    // Never through itself: the IDs it names (its group's) may be its own ID too.
    resolving.add(object);
    const previous = object.before
      ? renderName(object.info.names, object.before, resolver, object.address)
      : null;
    resolving.delete(object);
    // A name that counts members ("← 5 users") changes with them: that is no rename.
    const counted = object.info.names.some((template) => template.includes('{#'));
    if (current && previous && current !== previous && !counted) return renamed(previous, current);
    const key = instanceKeyOf(object.address);
    return current ?? previous ?? (typeof key === 'string' ? key : object.address);
  };

  return { changes: changes.map(finalName), drift: drift.map(finalName), byId: resolver.byId };
}

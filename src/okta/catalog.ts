// What each okta/okta resource type is to an Okta admin: its category, what one object is called, which attributes
// name it, how risky deleting or changing it is, which attributes force a new object and which hold secrets.

import type { Risk } from '../plan/types.js';
import { CATALOG_TSV } from './catalog-data.js';

export interface OktaType {
  readonly type: string;
  readonly category: string;
  readonly subcategory: string;
  readonly noun: string;
  readonly deleteRisk: Risk;
  readonly updateRisk: Risk;
  /** Name templates tried in order: `{attr}`, `{@id_attr}` (resolved to the object's name), `{#list_attr}` (count). */
  readonly names: readonly string[];
  readonly replaceAttrs: readonly string[];
  /** Secrets the provider does not mark sensitive, as paths (`*` = every list element). */
  readonly secretAttrs: readonly string[];
  readonly reason: string;
  /** False when the type is not in the catalog and was placed by its name. */
  readonly known: boolean;
}

/** The order categories are shown in: how an Okta admin walks the Admin Console. */
export const CATEGORY_ORDER = [
  'Users',
  'Groups & group rules',
  'Applications & assignments',
  'Policies & rules',
  'Authenticators',
  'Authorization servers',
  'Identity providers',
  'Network zones',
  'Admin roles & resource sets',
  'API tokens & trusted origins',
  'Hooks',
  'Behaviors & threat protection',
  'Profiles, schemas & mappings',
  'Brands, themes, domains & email',
  'Directory integrations',
  'Devices',
  'Org settings',
  'Identity Governance (OIG)',
  'Other Okta objects',
  'Other',
] as const;

const OTHER_OKTA = 'Other Okta objects';
const OTHER = 'Other';

/** Attributes that commonly hold a human name, for types the catalog does not know. */
const GENERIC_NAMES = ['{label}', '{name}', '{display_name}', '{title}', '{login}', '{email}'];
const RISKS: ReadonlySet<string> = new Set(['high', 'medium', 'low', 'none']);

function splitList(cell: string | undefined, separator: string): string[] {
  return (cell ?? '')
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);
}

function parseRisk(cell: string | undefined, type: string): Risk {
  if (!cell || !RISKS.has(cell)) throw new Error(`catalog: bad risk "${cell}" for ${type}`);
  return cell as Risk;
}

let catalog: ReadonlyMap<string, OktaType> | null = null;

/** The catalog, parsed on first use. */
export function oktaCatalog(): ReadonlyMap<string, OktaType> {
  if (catalog) return catalog;
  const entries = new Map<string, OktaType>();
  for (const line of CATALOG_TSV.split('\n')) {
    if (!line.trim()) continue;
    const cells = line.split('\t');
    const [
      type,
      category,
      subcategory,
      noun,
      deleteRisk,
      updateRisk,
      names,
      replaceAttrs,
      secretAttrs,
      reason,
    ] = cells;
    if (cells.length !== 10 || !type || !category || !noun)
      throw new Error(`catalog: malformed line "${line}"`);
    entries.set(type, {
      type,
      category,
      subcategory: subcategory ?? '',
      noun,
      deleteRisk: parseRisk(deleteRisk, type),
      updateRisk: parseRisk(updateRisk, type),
      names: splitList(names, '||'),
      replaceAttrs: splitList(replaceAttrs, ','),
      secretAttrs: splitList(secretAttrs, ','),
      reason: reason ?? '',
      known: true,
    });
  }
  catalog = entries;
  return catalog;
}

function sharedSegments(a: string, b: string): number {
  const x = a.split('_');
  const y = b.split('_');
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

/**
 * The catalog type nearest to `type` by name: among the types sharing the most leading `_` segments (at least
 * "okta_x_"), one of the category most of them are in.
 */
function closestKnown(type: string): OktaType | null {
  let bestShared = 1;
  let tied: OktaType[] = [];
  for (const entry of oktaCatalog().values()) {
    const shared = sharedSegments(type, entry.type);
    if (shared > bestShared) {
      bestShared = shared;
      tied = [entry];
    } else if (shared === bestShared && tied.length) {
      tied.push(entry);
    }
  }
  const byCategory = new Map<string, OktaType[]>();
  for (const entry of tied)
    byCategory.set(entry.category, [...(byCategory.get(entry.category) ?? []), entry]);
  let best: OktaType[] = [];
  for (const group of byCategory.values()) if (group.length > best.length) best = group;
  return best[0] ?? null;
}

function humanize(type: string): string {
  const words = type.replace(/^okta_/, '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What `type` is; unknown okta_* types are placed by their name, anything else is "Other". */
export function lookupType(type: string): OktaType {
  const known = oktaCatalog().get(type);
  if (known) return known;
  const isOkta = type.startsWith('okta_');
  const near = isOkta ? closestKnown(type) : null;
  return {
    type,
    category: near?.category ?? (isOkta ? OTHER_OKTA : OTHER),
    subcategory: near?.subcategory ?? '',
    noun: isOkta ? humanize(type) : type,
    deleteRisk: near?.deleteRisk ?? (isOkta ? 'medium' : 'none'),
    updateRisk: near?.updateRisk ?? (isOkta ? 'medium' : 'none'),
    names: GENERIC_NAMES,
    replaceAttrs: [],
    secretAttrs: [],
    reason: near
      ? `${type} is newer than this action's catalog; placed with ${near.type}: ${near.reason}`
      : isOkta
        ? `${type} is newer than this action's catalog: review it by hand.`
        : '',
    known: false,
  };
}

/** Every attribute a name template reads directly (`{attr}`), across all types: what prior state must keep. */
export function nameAttributes(): ReadonlySet<string> {
  const attributes = new Set<string>();
  const templates = [...GENERIC_NAMES, ...[...oktaCatalog().values()].flatMap((entry) => entry.names)];
  for (const template of templates) {
    for (const match of template.matchAll(/\{([A-Za-z0-9_]+)[.}]/g)) attributes.add(match[1] as string);
  }
  return attributes;
}

export function categoryRank(category: string): number {
  const rank = (CATEGORY_ORDER as readonly string[]).indexOf(category);
  return rank < 0 ? CATEGORY_ORDER.length : rank;
}

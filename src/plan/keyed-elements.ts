// Nested blocks paired by what they are, not where they are: a sign-on rule inserted at the top of a list of
// rules would otherwise show every rule below it as changed, each taking its neighbour's values.

/** The attributes that say which block an element is, tried in order (the first that holds for every element). */
const KEY_ATTRIBUTES = [
  'name',
  'key',
  'id',
  'label',
  'type',
  'value',
  'index',
  'app_id',
  'group_id',
  'user_id',
  'role',
  'scope',
];

/** One element of a nested block list, in the list before and after (undefined where it is not in that one). */
export interface KeyedPair {
  readonly by: string;
  readonly key: string | number;
  readonly before: number | undefined;
  readonly after: number | undefined;
}

type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The element's key under `by`, when it has a usable one. */
function keyOf(element: unknown, by: string): string | number | undefined {
  if (!isPlain(element)) return undefined;
  const value = element[by];
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}

/** Whether every element has a key under `by` and no two elements of one list share it. */
function keyedBy(lists: readonly unknown[][], by: string): boolean {
  return lists.every((list) => {
    const keys = list.map((element) => keyOf(element, by));
    return keys.every((k) => k !== undefined) && new Set(keys).size === keys.length;
  });
}

/**
 * The elements of two lists of blocks paired by a key attribute, in the after list's order with removed ones
 * last; null when the lists are not blocks with a common key, or when pairing by position gives the same pairs.
 */
export function pairByKey(before: readonly unknown[], after: readonly unknown[]): KeyedPair[] | null {
  if (before.length === 0 || after.length === 0) return null;
  const lists = [before as unknown[], after as unknown[]];
  const by = KEY_ATTRIBUTES.find((attribute) => keyedBy(lists, attribute));
  if (!by) return null;
  const beforeAt = new Map(before.map((element, i) => [keyOf(element, by), i]));
  const samePlaces =
    before.length === after.length && after.every((element, i) => beforeAt.get(keyOf(element, by)) === i);
  if (samePlaces) return null;
  const afterKeys = new Set(after.map((element) => keyOf(element, by)));
  const pairs: KeyedPair[] = after.map((element, i) => {
    const key = keyOf(element, by) as string | number;
    return { by, key, before: beforeAt.get(key), after: i };
  });
  before.forEach((element, i) => {
    const key = keyOf(element, by) as string | number;
    if (!afterKeys.has(key)) pairs.push({ by, key, before: i, after: undefined });
  });
  return pairs;
}

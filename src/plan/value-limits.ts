// What the summary can read of one object's values. Terraform plans values nested thousands deep and strings of
// hundreds of megabytes; the summary walks values recursively (the diff, the fingerprint's canonical JSON) and
// Node.js holds a string of at most buffer.constants.MAX_STRING_LENGTH characters. Beyond either limit the plan is
// refused with a message that names the object, instead of a stack overflow or "not valid JSON".

import { constants } from 'node:buffer';
import { ActionError } from '../errors.js';

/** Levels of nesting the summary reads: Okta's deepest schemas (policy rule conditions) nest under 20. */
export const MAX_VALUE_DEPTH = 256;

/** A JSON value in the plan longer than Node.js can make one string of. */
export class ValueTooLarge extends Error {
  override name = 'ValueTooLarge';
  constructor(readonly bytes: number) {
    super(`a value of ${bytes} bytes`);
  }
}

/** The deepest nesting in `value`, without recursion (so a hostile depth can't overflow the stack). */
export function nestingDepth(value: unknown, stopAt = Infinity): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (item === null || typeof item !== 'object') continue;
    if (depth + 1 > deepest) deepest = depth + 1;
    if (deepest > stopAt) return deepest;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Reads one object's values, refused (naming `address`) when too large or, unless `checkDepth` is false, too deep for
 * the summary to walk.
 */
export function readValues<T extends object>(
  address: string | (() => string),
  read: () => T,
  checkDepth = true,
): T {
  const named = (): string => (typeof address === 'string' ? address : address());
  let values: T;
  try {
    values = read();
  } catch (e) {
    if (!(e instanceof ValueTooLarge)) throw e;
    throw new ActionError(
      'plan-failed',
      `${named()}: ${e.message} is longer than Node.js can read as one string (${constants.MAX_STRING_LENGTH} characters), so this plan can't be reviewed: keep such data out of Terraform values (a file the resource reads, a data source)`,
    );
  }
  if (!checkDepth) return values;
  // A no-op's before and after are one object (unchangedValues): walked once.
  for (const part of new Set(Object.values(values))) {
    const depth = nestingDepth(part, MAX_VALUE_DEPTH);
    if (depth > MAX_VALUE_DEPTH) {
      throw new ActionError(
        'plan-failed',
        `${named()}: a value nests more than ${MAX_VALUE_DEPTH} levels deep, deeper than the review reads, so this plan can't be reviewed: flatten it (Okta's own schemas nest under 20)`,
      );
    }
  }
  return values;
}

// @ts-check
// Okta-shaped identifiers and timestamps.

import { randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * @param {number} length
 * @param {string} [alphabet]
 */
export function randomChars(length, alphabet = ALPHANUMERIC) {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet.charAt(randomInt(alphabet.length));
  return out;
}

/**
 * Okta ids are 20 characters, the first 3 telling the kind of object (00g group, 00u user, 0oa app...).
 * @param {string} prefix
 */
export function oktaId(prefix) {
  return prefix + randomChars(20 - prefix.length);
}

let last = 0;

/**
 * Lists are ordered by creation time, so two objects created in the same millisecond would come back in id
 * order, not creation order; a clock that never repeats keeps creation order visible.
 */
export function now() {
  last = Math.max(Date.now(), last + 1);
  return new Date(last).toISOString();
}

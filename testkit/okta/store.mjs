// @ts-check
// The org lives in one JSON file, so that a plan job, an apply job and an emulator restarted between demo steps
// all see the same objects. Writes go to a temporary file renamed over the old one: a reader never sees half a
// file. Another emulator may write the file too, so it is read again whenever it changed on disk.

import { mkdtempSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomChars } from './ids.mjs';

/**
 * A JSON object as the API takes or returns it, its fields unknown until narrowed (router.mjs: isObject, asObject).
 * @typedef {{ [key: string]: unknown }} Obj
 */

/**
 * What every stored object has; the rest is kept as sent and read through narrowing.
 * @typedef {Obj & { id: string, status?: unknown, created?: unknown, lastUpdated?: unknown }} Stored
 */

/** @typedef {Stored & { profile: Obj & { name: string }, lastMembershipUpdated?: string }} Group */
/** @typedef {Stored & { status: string, profile: Obj & { login: string } }} User */

/**
 * A group rule: ruleFields in routes-groups.mjs writes every field named here; groupIds and exclude as sent.
 * @typedef {Stored & {
 *   status: string,
 *   name: string,
 *   conditions: Obj & { expression: Obj & { value: string }, people: Obj & { users: { exclude: unknown } } },
 *   actions: { assignUserToGroups: { groupIds: unknown[] } },
 * }} GroupRule
 */

/** @typedef {Stored & { name: string, label: string }} App */
/** @typedef {Stored & { type: string, name: string, usage: string }} Zone */
/** @typedef {Stored & { priority: unknown }} Assignment */
/** @typedef {Stored & { priority: number }} Ranked  a policy or a policy rule, kept in order 1..n */

/**
 * @typedef {object} OrgState
 * @property {number} version
 * @property {Record<string, Group>} groups
 * @property {Record<string, string[]>} members                   groupId → userIds
 * @property {Record<string, GroupRule>} groupRules
 * @property {Record<string, User>} users
 * @property {Record<string, App>} apps
 * @property {Record<string, Record<string, Assignment>>} appGroups     appId → groupId → assignment
 * @property {Record<string, Ranked>} policies
 * @property {Record<string, Record<string, Ranked>>} policyRules   policyId → ruleId → rule
 * @property {Record<string, Zone>} zones
 * @property {Record<string, Record<string, Stored>>} objects  okta/okta type → id → object, for types with no Okta
 *   endpoints here (routes-objects.mjs)
 */

/** @returns {OrgState} */
export function emptyOrg() {
  return {
    version: 1,
    groups: {},
    members: {},
    groupRules: {},
    users: {},
    apps: {},
    appGroups: {},
    policies: {},
    policyRules: {},
    zones: {},
    objects: {},
  };
}

export function defaultStateFile() {
  return join(mkdtempSync(join(tmpdir(), 'okta-emulator-')), 'org.json');
}

export class OrgFile {
  /** @param {string} path */
  constructor(path) {
    this.path = path;
    /** @type {string} inode, size and mtime of the file as last read or written */
    this.seen = '';
    /** @type {OrgState} */
    this.org = emptyOrg();
  }

  /** Reads the file if another writer changed it; creates it on first use. */
  refresh() {
    const stamp = this.stamp();
    if (stamp === this.seen) return this.org;
    if (stamp === '') {
      this.save();
      return this.org;
    }
    const text = readFileSync(this.path, 'utf8');
    // An empty file (e.g. from mktemp) is a new org.
    this.org = text.trim() === '' ? emptyOrg() : { ...emptyOrg(), ...JSON.parse(text) };
    this.seen = stamp;
    return this.org;
  }

  save() {
    const temp = `${this.path}.${process.pid}.${randomChars(8)}.tmp`;
    writeFileSync(temp, `${JSON.stringify(this.org, null, 2)}\n`);
    renameSync(temp, this.path);
    this.seen = this.stamp();
  }

  stamp() {
    try {
      const s = statSync(this.path);
      // Every save renames a new file into place, so the inode changes even when size and mtime do not.
      return `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch {
      return '';
    }
  }
}

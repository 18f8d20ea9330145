// @ts-check
// The org lives in one JSON file, so that a plan job, an apply job and an emulator restarted between demo steps
// all see the same objects. Writes go to a temporary file renamed over the old one: a reader never sees half a
// file. Another emulator may write the file too, so it is read again whenever it changed on disk.

import { mkdtempSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomChars } from './ids.mjs';

/**
 * An object as the API returns it.
 * @typedef {Record<string, any>} Obj
 */

/**
 * @typedef {object} OrgState
 * @property {number} version
 * @property {Record<string, Obj>} groups
 * @property {Record<string, string[]>} members                   groupId → userIds
 * @property {Record<string, Obj>} groupRules
 * @property {Record<string, Obj>} users
 * @property {Record<string, Obj>} apps
 * @property {Record<string, Record<string, Obj>>} appGroups      appId → groupId → assignment
 * @property {Record<string, Obj>} policies
 * @property {Record<string, Record<string, Obj>>} policyRules    policyId → ruleId → rule
 * @property {Record<string, Obj>} zones
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

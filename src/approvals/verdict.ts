// Whether the approvals that count meet what the plan needs: each requirement on its own (every matching rule
// applies), a team met by any of its members. all-of asks each entry for a different person: one reviewer in two
// teams does not stand for both.

import type { Require } from './policy.js';
import type { Requirement } from './requirements.js';

export interface Membership {
  /** Whether `login` is an active member of the team "org/slug"; throws when the token can't read it. */
  isMember(team: string, login: string): Promise<boolean>;
}

export interface Unmet {
  readonly requirement: Requirement;
  /** "1 more approval from one of @acme/okta-security, alice" */
  readonly lacking: string;
}

export interface Verdict {
  readonly requirements: readonly Requirement[];
  readonly unmet: readonly Unmet[];
  readonly approvers: readonly string[];
}

const isTeam = (entry: string): boolean => entry.includes('/');
export const mention = (entry: string): string => `@${entry}`;

async function qualifies(entry: string, login: string, membership: Membership): Promise<boolean> {
  return isTeam(entry) ? membership.isMember(entry, login) : entry.toLowerCase() === login.toLowerCase();
}

/** Whether each entry can be given its own approver (a small matching: entries and approvers are few). */
async function eachHasOwn(
  entries: readonly string[],
  approvers: readonly string[],
  membership: Membership,
): Promise<string[]> {
  const can: string[][] = [];
  for (const entry of entries) {
    const who: string[] = [];
    for (const login of approvers) if (await qualifies(entry, login, membership)) who.push(login);
    can.push(who);
  }
  const taken = new Map<string, number>();
  const assign = (i: number, seen: Set<string>): boolean =>
    (can[i] ?? []).some((login) => {
      if (seen.has(login)) return false;
      seen.add(login);
      const holder = taken.get(login);
      if (holder === undefined || assign(holder, seen)) {
        taken.set(login, i);
        return true;
      }
      return false;
    });
  return entries.filter((_, i) => !assign(i, new Set()));
}

async function lacking(
  require: Require,
  approvers: readonly string[],
  membership: Membership,
): Promise<string[]> {
  const missing: string[] = [];
  if (require.allOf) {
    const without = await eachHasOwn(require.allOf, approvers, membership);
    if (without.length) missing.push(`an approval from each of ${without.map(mention).join(', ')}`);
  }
  if (require.anyOf || require.count !== undefined || !require.allOf) {
    const count = require.count ?? 1;
    const pool = require.anyOf;
    let have = 0;
    for (const login of approvers) {
      if (!pool) have++;
      else {
        for (const entry of pool) {
          if (await qualifies(entry, login, membership)) {
            have++;
            break;
          }
        }
      }
    }
    const from = pool ? `one of ${pool.map(mention).join(', ')}` : 'someone with write access';
    if (have < count)
      missing.push(`${count - have} more approval${count - have === 1 ? '' : 's'} from ${from}`);
  }
  return missing;
}

export async function judgeRequirements(
  requirements: readonly Requirement[],
  approvers: readonly string[],
  membership: Membership,
): Promise<Verdict> {
  const unmet: Unmet[] = [];
  for (const requirement of requirements) {
    const missing = await lacking(requirement.require, approvers, membership);
    if (missing.length) unmet.push({ requirement, lacking: missing.join(' and ') });
  }
  return { requirements, unmet, approvers };
}

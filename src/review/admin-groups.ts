// Security checks row 3, across objects: members added to a group that holds an admin role become admins. Groups
// are known to hold one from okta_group_role in the plan, changed or not; members are added by okta_group_memberships
// (users) and okta_user_group_memberships (groups). Judged once the whole plan is read.

import type { ChangeValues } from '../plan/indexed-resources.js';
import type { Finding, Severity } from './findings.js';
import type { ReviewPolicy } from './policy.js';
import { POWERFUL_ROLES } from './rules/privilege.js';
import { gained, plain, text } from './rules/values.js';

const MAX_LISTED = 10;

interface Join {
  readonly address: string;
  readonly group: string;
  /** The users added (a group's memberships), or the one user added to it (a user's memberships). */
  readonly members: readonly string[];
  readonly attribute: 'users' | 'groups';
}

export class AdminGroups {
  /** Group ID → the admin roles it holds. */
  private readonly roles = new Map<string, Set<string>>();
  private readonly joins: Join[] = [];

  /** An okta_group_role in the plan, changed or not: its group holds its role (after the apply, or now). */
  role(values: ChangeValues): void {
    const object = plain(values.after) ?? plain(values.before);
    const group = text(object, 'group_id');
    const role = text(object, 'role_type');
    if (!group || !role) return;
    this.roles.set(group, (this.roles.get(group) ?? new Set()).add(role));
  }

  /** A changed object: a membership change adds members to groups. */
  change(type: string, address: string, values: ChangeValues): void {
    const before = plain(values.before);
    const after = plain(values.after);
    if (type === 'okta_group_role') this.role(values);
    else if (type === 'okta_group_memberships') {
      const group = text(after, 'group_id');
      const users = gained(before, after, 'users');
      if (group && users.length) this.joins.push({ address, group, members: users, attribute: 'users' });
    } else if (type === 'okta_user_group_memberships') {
      const user = text(after, 'user_id');
      for (const group of gained(before, after, 'groups'))
        if (user) this.joins.push({ address, group, members: [user], attribute: 'groups' });
    }
  }

  /** The joins to groups that hold an admin role the policy does not allow to groups. */
  findings(policy: ReviewPolicy): Finding[] {
    if (policy.off.has('admin-granted')) return [];
    const found: Finding[] = [];
    for (const join of this.joins) {
      const roles = [...(this.roles.get(join.group) ?? [])].filter(
        (r) => !policy.allow.adminRolesForGroups.includes(r),
      );
      if (roles.length === 0) continue;
      const severity: Severity = roles.some((r) => POWERFUL_ROLES.has(r)) ? 'critical' : 'high';
      const who = join.members.length === 1 ? 'A user joins' : `${join.members.length} users join`;
      const listed = join.members.slice(0, MAX_LISTED).map((m) => JSON.stringify(m));
      found.push({
        rule: 'admin-granted',
        severity: policy.severity.get('admin-granted') ?? severity,
        address: join.address,
        message: `${who} a group that holds ${roles.join(', ')}: ${join.members.length === 1 ? 'they become' : 'each becomes'} an admin.`,
        evidence: [
          { path: 'group', before: null, after: JSON.stringify(join.group) },
          {
            path: join.attribute === 'users' ? 'users added' : 'user',
            before: null,
            after: `${listed.join(', ')}${join.members.length > MAX_LISTED ? `, and ${join.members.length - MAX_LISTED} more` : ''}`,
          },
        ],
      });
    }
    return found;
  }
}

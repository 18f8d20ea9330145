// Objects made outside Terraform, in markdown: rules made by hand inside managed policies first (they change what
// the managed rules mean), then each kind by name, with the Admin Console page where the object can be seen.

import type { UnmanagedObject } from '../okta/unmanaged.js';
import { code, escapeText } from './markdown.js';

/** The Admin Console's host for an org URL: acme.okta.com → acme-admin.okta.com (a proxy's URL is kept). */
export function adminConsole(orgUrl: string): string {
  const url = new URL(orgUrl);
  const [org, ...domain] = url.hostname.split('.');
  if (url.protocol === 'https:' && org && domain.length >= 2 && !org.endsWith('-admin')) {
    url.hostname = [`${org}-admin`, ...domain].join('.');
  }
  return url.origin;
}

function link(object: UnmanagedObject, admin: string): string {
  if (object.type === 'okta_group') return ` ([Admin Console](${admin}/admin/group/${object.id}))`;
  if (object.type.startsWith('okta_app_')) return ` ([Admin Console](${admin}/admin/apps/active))`;
  if (object.type === 'okta_network_zone') return ` ([Admin Console](${admin}/admin/access/networks))`;
  if (object.type === 'okta_auth_server') return ` ([Admin Console](${admin}/admin/oauth2/as/${object.id}))`;
  if (object.type.startsWith('okta_idp_'))
    return ` ([Admin Console](${admin}/admin/access/identity-providers))`;
  if (object.type === 'okta_event_hook') return ` ([Admin Console](${admin}/admin/workflow/eventhooks))`;
  if (object.type === 'okta_inline_hook') return ` ([Admin Console](${admin}/admin/workflow/inlinehooks))`;
  return '';
}

function where(rule: NonNullable<UnmanagedObject['inPolicy']>): string {
  const { priority, managed } = rule;
  if (managed.length === 0) return `priority ${priority}, in a policy whose rules Terraform does not manage`;
  const before = managed.filter((p) => p > priority).length;
  const place =
    before === managed.length
      ? 'before every managed rule'
      : before === 0
        ? 'after every managed rule'
        : `before ${before} of the ${managed.length} managed rules`;
  return `priority ${priority}, ${place} (their priorities: ${managed.join(', ')})`;
}

export function unmanagedMarkdown(objects: readonly UnmanagedObject[], orgUrl: string): string {
  if (objects.length === 0) return 'Nothing made outside Terraform in the kinds of objects it manages.\n';
  const admin = adminConsole(orgUrl);
  const lines = [`### Made outside Terraform (${objects.length})`, ''];
  const rules = objects.filter((o) => o.inPolicy);
  if (rules.length > 0) {
    lines.push(
      `**Rules made by hand inside policies Terraform manages** (Okta applies the first rule that matches):`,
      '',
    );
    for (const rule of rules) {
      lines.push(
        `- ${code(rule.type)} **${escapeText(rule.name)}** in policy ${code(rule.inPolicy?.id ?? '')}: ${where(rule.inPolicy ?? { id: '', priority: 0, managed: [] })}`,
      );
    }
    lines.push('');
  }
  let type = '';
  for (const object of objects.filter((o) => !o.inPolicy)) {
    if (object.type !== type) {
      if (type) lines.push('');
      type = object.type;
      lines.push(`**${code(type)}**`, '');
    }
    lines.push(`- **${escapeText(object.name)}** ${code(object.id)}${link(object, admin)}`);
  }
  return `${lines.join('\n')}\n`;
}

// What merging the pull request will do, for the review comment (after the plan part, so an apply compares none of
// it) and the commit status: apply, or wait for whose approvals. People and teams are in code spans: named, not
// mentioned (the requested reviewers are asked once, by GitHub, not at every plan).

import type { Require } from '../approvals/policy.js';
import type { Requirement } from '../approvals/requirements.js';
import { code, escapeText } from './markdown.js';

/** What the plan run learned of the approvals: the rules it needs, or why they could not be judged. */
export type MergeOutlook =
  | {
      readonly kind: 'judged';
      readonly policy: string;
      readonly requirements: readonly Requirement[];
      readonly check: string;
    }
  | { readonly kind: 'unjudged'; readonly why: string };

/** "one of `@acme/okta-security`, `@alice`", "each of ...", "2 people with write access". */
export function needsText(require: Require, show: (entry: string) => string = (e) => code(`@${e}`)): string {
  const parts: string[] = [];
  if (require.allOf) parts.push(`an approval from each of ${require.allOf.map(show).join(', ')}`);
  if (require.anyOf || require.count !== undefined || !require.allOf) {
    const count = require.count ?? 1;
    const who = require.anyOf ? `of ${require.anyOf.map(show).join(', ')}` : 'with write access';
    if (count > 1) parts.push(`approvals from ${count} people ${who}`);
    else parts.push(require.anyOf ? `an approval from one ${who}` : `an approval from someone ${who}`);
  }
  return parts.join(' and ');
}

export function mergingSection(outlook: MergeOutlook): string {
  const lines = ['#### Merging'];
  if (outlook.kind === 'unjudged') {
    lines.push(`Merging is blocked until the approvals can be judged: ${escapeText(outlook.why, 600)}`);
    return lines.join('\n\n');
  }
  if (outlook.requirements.length === 0) {
    lines.push(
      `Merging applies this plan: nothing in it needs an approval (approval policy: ${escapeText(outlook.policy)}).`,
    );
    return lines.join('\n\n');
  }
  lines.push(
    `Merging applies this plan once it is approved as GitHub reviews of the pull request's last commit, each by someone with write access who wrote none of it (approval policy: ${escapeText(outlook.policy)}); the check ${code(outlook.check)} says whether it is:`,
  );
  const items = outlook.requirements.map((r) => {
    const n = r.changes ? ` (${r.changes} change${r.changes === 1 ? '' : 's'})` : '';
    return `- ${escapeText(r.name)}${n}: ${needsText(r.require)}`;
  });
  return `${lines.join('\n\n')}\n${items.join('\n')}`;
}

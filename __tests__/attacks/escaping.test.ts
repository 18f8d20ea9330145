// Attack (l) of issue 12, its last part: text from the plan (an Okta group's name, an attribute's value) with Unicode
// bidirectional overrides displays in another order than it is, and `GH-123` becomes a link to an issue. Neither
// may pass the review's escaping, in names (markdown text) or in the attribute diff (code blocks).

import { describe, expect, it } from '@jest/globals';
import { reviewCommentBody } from '../../src/render/review-comment.js';
import { oktaId, oktaPlan, summarizeObject } from '../../testkit/plans.js';

const RLO = '\u202e';
const PDF = '\u202c';
const ISOLATE = '\u2066';

describe('text from the plan in the review', () => {
  it('shows bidi overrides as U+FFFD and breaks GH-123 links, in names and in the diff', async () => {
    const name = `Admins ${RLO}srotartsinimda${PDF} see GH-123`;
    const summary = await summarizeObject(
      oktaPlan({
        objects: [
          {
            type: 'okta_group',
            name: 'g',
            before: { id: oktaId('00g', 1), name: 'Helpdesk', description: 'old' },
            after: { id: oktaId('00g', 1), name, description: `${ISOLATE}GH-77 all staff` },
          },
        ],
      }),
    );
    const body = reviewCommentBody(summary, {
      marker: { directory: 'orgs/acme', workspace: 'default', label: '' },
      runUrl: undefined,
    });
    expect(body).toContain('Helpdesk');
    expect(body).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/);
    expect(body).toContain('\ufffdsrotartsinimda\ufffd');
    // GitHub links GH-123 in text, never inside code: outside the diff's code block it must be broken.
    const prose = body.replace(/```[\s\S]*?```/g, '');
    expect(prose).not.toMatch(/GH-123/);
    expect(prose).toContain('GH\u200b-123');
  });
});

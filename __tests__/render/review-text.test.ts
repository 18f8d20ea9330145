// The review comment as an apply reads it back: its parts, and what its text says of a plan, on the example plans.

import { describe, expect, it } from '@jest/globals';
import type { PlanSummary } from '../../src/plan/types.js';
import { commentMoreAt, reviewCommentBody, withStatus } from '../../src/render/review-comment.js';
import { reviewContextPart, reviewPlanPart } from '../../src/render/review.js';
import {
  compareReviewText,
  isInertContext,
  readReviewComment,
  reviewDigest,
  type ReviewText,
} from '../../src/render/review-text.js';
import { summarizeFile } from '../../testkit/plans.js';

const marker = {
  directory: 'orgs/acme',
  workspace: 'default',
  label: '',
  plannedAt: '2026-12-01T12:00:00Z',
  fingerprint: 'f'.repeat(64),
  planRun: '4242',
};
const RUN = 'https://github.com/acme/okta-config/actions/runs/4242';

async function example(name: string): Promise<PlanSummary> {
  return summarizeFile(`examples/plans/${name}.json`);
}

function read(body: string): ReviewText {
  const text = readReviewComment(body);
  if ('problem' in text) throw new Error(text.problem);
  return text;
}

/** A summary whose every change is shown as it is: the example's, minus what its review can't show in full. */
function shownInFull(summary: PlanSummary): PlanSummary {
  return { ...summary, changes: summary.changes.map((c) => ({ ...c, shownInFull: true })), outputs: [] };
}

describe('reading a review comment back', () => {
  it('cuts it into marker, review and footer; the digest is of the review alone', async () => {
    const summary = await example('pull-request');
    const body = reviewCommentBody(summary, { marker, runUrl: RUN });
    const text = read(body);
    expect(text.marker).toEqual({ ...marker, version: 3 });
    expect(text.status).toBeUndefined();
    expect(text.runUrl).toBe(RUN);
    expect(text.review.startsWith('### Okta plan')).toBe(true);
    expect(
      body.endsWith(
        text.review + `\n<sub>Plan fingerprint \`ffffffffffffffff\` · [workflow run](${RUN})</sub>\n`,
      ),
    ).toBe(true);
    // A status line does not change the review, nor its digest.
    const applied = withStatus(body, text.marker, { kind: 'applying' }, RUN);
    expect(read(applied).status).toContain('Applying this plan');
    expect(reviewDigest(read(applied).review)).toBe(reviewDigest(text.review));
  });

  it('refuses a marker or status line the action does not write', async () => {
    const body = reviewCommentBody(await example('no-changes'), { marker, runUrl: RUN });
    const spaced = body.replace('"v":3,', '"v":3, ');
    expect(readReviewComment(spaced)).toEqual({
      problem: 'its first line is not a marker the action writes',
    });
    const [first, ...rest] = body.split('\n');
    const hidden = [
      first,
      '<!-- okta-terraform-action:status -->',
      '> <!--',
      '<!-- /okta-terraform-action:status -->',
      ...rest,
    ].join('\n');
    expect(readReviewComment(hidden)).toEqual({ problem: 'its status line is not one the action writes' });
  });
});

describe('the context part', () => {
  it.each([
    ['', true],
    ['\n#### Changed outside Terraform (2)\n- Group **IT** · `okta_group.it`\n', true],
    [
      '\n<details><summary>Attribute changes outside Terraform (1 object)</summary>\n\n```diff\n<!-- in code -->\n```\n\n</details>\n',
      true,
    ],
    ['\n#### Okta API budget\nabout 3 minutes\n', true],
    ['\n<!--\n', false],
    ['\n#### Changes by category\n', false],
    ['\n[x]: https://example.com\n', false],
    ['\n```diff\nunclosed\n', false],
    ['no blank line first\n', false],
  ])('%j is inert: %s', (text, inert) => {
    expect(isInertContext(text)).toBe(inert);
  });
});

describe('what a review text says of a plan', () => {
  it('shows all of a plan whose every value it shows, at the full detail; with another Terraform version too', async () => {
    const summary = shownInFull(await example('pull-request'));
    const text = read(reviewCommentBody(summary, { marker, runUrl: RUN }));
    expect(compareReviewText(text, summary)).toEqual({ kind: 'shows-all' });
    const newer = { ...summary, plan: { ...summary.plan, terraformVersion: '1.99.0' } };
    expect(compareReviewText(text, newer)).toEqual({ kind: 'shows-all' });
  });

  it('shows only part of a plan with a value it masks (the example has a password and an output)', async () => {
    const summary = await example('pull-request');
    const verdict = compareReviewText(read(reviewCommentBody(summary, { marker, runUrl: RUN })), summary);
    expect(verdict.kind).toBe('shows-part');
    expect(verdict.kind === 'shows-part' && verdict.why).toContain('`okta_user.');
  });

  it('shows only part of a plan it lists by name to fit, and differs from another plan', async () => {
    const summary = shownInFull(await example('pull-request'));
    const full = read(reviewCommentBody(summary, { marker, runUrl: RUN }));
    const context = { directory: 'orgs/acme', workspace: 'default', moreAt: commentMoreAt(RUN), budget: 0 };
    const review = reviewPlanPart(summary, context, 'names') + reviewContextPart(summary, 'names');
    const names = { ...full, review };
    expect(compareReviewText(names, summary)).toEqual({
      kind: 'shows-part',
      why: 'it lists the changes at the "names" detail to fit GitHub\'s size limit',
    });
    const fewer = { ...summary, changes: summary.changes.slice(1) };
    const verdict = compareReviewText(full, fewer);
    expect(verdict.kind).toBe('differs');
  });

  it('says which objects differ: one added, one whose values changed', async () => {
    const summary = shownInFull(await example('pull-request'));
    const [first, second, ...rest] = summary.changes;
    if (!first || !second) throw new Error('the example has changes');
    const reviewed = { ...summary, changes: [second, ...rest] };
    const text = read(reviewCommentBody(reviewed, { marker, runUrl: RUN }));
    const edited = {
      ...second,
      attributes: second.attributes.map((a, i) => (i === 0 ? { ...a, after: '"edited"' } : a)),
    };
    const verdict = compareReviewText(text, { ...summary, changes: [first, edited, ...rest] });
    expect(verdict).toMatchObject({
      kind: 'differs',
      difference: { added: [first.address], changed: [second.address] },
    });
  });
});

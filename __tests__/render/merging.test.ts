// What the review says merging does: whose approvals each rule needs, in words, with names in code spans (named,
// not mentioned), and nothing that could pass for the plan part (the apply checks what follows it is inert).

import { describe, expect, it } from '@jest/globals';
import { mergingSection, needsText } from '../../src/render/merging.js';
import { isInertContext } from '../../src/render/review-text.js';

describe('the Merging part of a review', () => {
  it('says whose approvals each kind of rule needs', () => {
    expect(needsText({ count: 1 })).toBe('an approval from someone with write access');
    expect(needsText({ count: 2 })).toBe('approvals from 2 people with write access');
    expect(needsText({ anyOf: ['acme/okta-security', 'alice'] })).toBe(
      'an approval from one of `@acme/okta-security`, `@alice`',
    );
    expect(needsText({ anyOf: ['acme/iam'], count: 2 })).toBe('approvals from 2 people of `@acme/iam`');
    expect(needsText({ allOf: ['acme/okta-security', 'acme/iam'] })).toBe(
      'an approval from each of `@acme/okta-security`, `@acme/iam`',
    );
  });

  it('is inert context after the plan part, however the policy names its rules', () => {
    const section = mergingSection({
      kind: 'judged',
      policy: '.github/okta-approvals.yml at 1234567',
      check: 'okta/approvals: orgs/acme',
      requirements: [
        {
          name: '<img src=x> @everyone',
          require: { anyOf: ['acme/okta-security'] },
          changes: 2,
          addresses: [],
        },
      ],
    });
    expect(section).toContain('- &lt;img src=x&gt; ');
    expect(isInertContext(`\n${section}\n`)).toBe(true);
    const blocked = mergingSection({ kind: 'unjudged', why: 'HTTP 403 <b>' });
    expect(blocked).toBe(
      '#### Merging\n\nMerging is blocked until the approvals can be judged: HTTP 403 &lt;b&gt;',
    );
    expect(isInertContext(`\n${blocked}\n`)).toBe(true);
  });
});

import { describe, expect, it } from '@jest/globals';
import { checkHighRisk } from '../../src/modes/approval.js';
import { oktaId, oktaPlan, summarizeObject } from '../../testkit/plans.js';

const SIGN_ON_POLICY = {
  type: 'okta_policy_signon',
  name: 'default',
  before: { id: oktaId('00p', 1), name: 'Default sign-on policy' },
  after: null,
};
const GROUP = {
  type: 'okta_group',
  name: 'g',
  before: null,
  after: { id: null, name: 'Temps' },
  unknown: ['id'],
};

const byDispatch = (allowHighRisk = false) => ({ allowHighRisk, labels: [] });
const byReview = (labels: string[]) => ({ allowHighRisk: false, labels });

describe('high-risk guard', () => {
  it('refuses to delete a high-risk Okta object without the label or allow-high-risk', async () => {
    const summary = await summarizeObject(oktaPlan({ objects: [SIGN_ON_POLICY, GROUP] }));
    expect(() => checkHighRisk(summary, byDispatch())).toThrow(
      /^the plan deletes or replaces high-risk Okta objects: Default sign-on policy \(delete\)\. Add the label okta-high-risk-approved/,
    );
    expect(() => checkHighRisk(summary, byReview(['okta:changes']))).toThrow(/high-risk/);
    expect(() => checkHighRisk(summary, byReview(['okta-high-risk-approved']))).not.toThrow();
    expect(() => checkHighRisk(summary, byDispatch(true))).not.toThrow();
  });

  it('lets other changes through', async () => {
    const summary = await summarizeObject(oktaPlan({ objects: [GROUP] }));
    expect(() => checkHighRisk(summary, byDispatch())).not.toThrow();
  });
});

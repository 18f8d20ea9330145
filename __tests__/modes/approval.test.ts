import { describe, expect, it } from '@jest/globals';
import { checkHighRisk, type Approval } from '../../src/modes/approval.js';
import type { Settings } from '../../src/settings.js';
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

const settings = (allowHighRisk: boolean) => ({ allowHighRisk }) as Settings;
const byDispatch: Approval = { kind: 'fingerprint', fingerprint: 'f' };
const byReview = (labels: string[]) => ({ kind: 'review', labels }) as unknown as Approval;

describe('high-risk guard', () => {
  it('refuses to delete a high-risk Okta object without the label or allow-high-risk', async () => {
    const summary = await summarizeObject(oktaPlan({ objects: [SIGN_ON_POLICY, GROUP] }));
    expect(() => checkHighRisk(byDispatch, settings(false), summary)).toThrow(
      /^the plan deletes or replaces high-risk Okta objects: Default sign-on policy \(delete\)\. Add the label okta-high-risk-approved/,
    );
    expect(() => checkHighRisk(byReview(['okta:changes']), settings(false), summary)).toThrow(/high-risk/);
    expect(() =>
      checkHighRisk(byReview(['okta-high-risk-approved']), settings(false), summary),
    ).not.toThrow();
    expect(() => checkHighRisk(byDispatch, settings(true), summary)).not.toThrow();
  });

  it('lets other changes through', async () => {
    const summary = await summarizeObject(oktaPlan({ objects: [GROUP] }));
    expect(() => checkHighRisk(byDispatch, settings(false), summary)).not.toThrow();
  });
});

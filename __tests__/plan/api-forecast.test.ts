// The Okta API forecast: per rate-limit bucket, what a refresh of the objects in state and the apply of the planned
// changes cost, and the minutes that takes at the run's share of the org's limits. The worked example of
// ../shared/okta/rate-limits.md (150 SAML apps with group assignments: about 450 calls in /api/v1/apps, 9 minutes at
// an Enterprise org's 50 a minute for one app) is the oracle; the calls per object come from the provider's source.

import { describe, expect, it } from '@jest/globals';
import { parseRateLimits } from '../../src/plan/api-forecast.js';
import { COMMENT_BUDGET, renderReview } from '../../src/render/review.js';
import { summarizeObject } from '../../testkit/plans.js';

type Action = 'no-op' | 'create' | 'update' | 'delete';

/** A plan of `count` objects of `type`, each with the actions given. */
type Values = Record<string, unknown> | null;

function entries(type: string, count: number, action: Action) {
  return Array.from({ length: count }, (_, i) => {
    const values = { id: `${type}-${i}`, name: `${type} ${i}` };
    const before: Values = action === 'create' ? null : values;
    const after: Values =
      action === 'delete' ? null : { ...values, name: action === 'update' ? 'renamed' : values.name };
    return {
      address: `${type}.o[${i}]`,
      mode: 'managed',
      type,
      name: 'o',
      index: i,
      provider_name: 'registry.terraform.io/okta/okta',
      change: {
        actions: [action],
        before,
        after,
        after_unknown: {},
        before_sensitive: action === 'create' ? false : {},
        after_sensitive: action === 'delete' ? false : {},
      },
    };
  });
}

const plan = (...changes: ReturnType<typeof entries>[]) => ({
  format_version: '1.2',
  terraform_version: '1.11.4',
  resource_changes: changes.flat(),
});

describe('the Okta API forecast', () => {
  it('is the worked example: 150 SAML apps with group assignments wait 9 minutes on /api/v1/apps', async () => {
    const summary = await summarizeObject(
      plan(entries('okta_app_saml', 150, 'no-op'), entries('okta_app_group_assignments', 150, 'no-op')),
    );
    const { apiForecast } = summary;
    expect(apiForecast.buckets[0]).toEqual({
      bucket: '/api/v1/apps',
      refresh: 450,
      apply: 0,
      limitPerMinute: 50,
      minutes: 9,
    });
    // And the provider's check of its API token (GET /api/v1/users/me).
    expect(apiForecast.buckets.map((b) => [b.bucket, b.refresh])).toEqual([
      ['/api/v1/apps', 450],
      ['/api/v1/apps/{id}', 150],
      ['GET /api/v1/users/{id}', 1],
    ]);
    expect([apiForecast.refresh, apiForecast.minutes, apiForecast.modelled]).toEqual([601, 9, 0]);
    expect(apiForecast.limits).toBe('enterprise (assumed: set okta-rate-limits)');
  });

  it('counts the write and the read after it for each change, and no refresh of what is created', async () => {
    const { apiForecast } = await summarizeObject(
      plan(
        entries('okta_group', 3, 'create'),
        entries('okta_group', 2, 'update'),
        entries('okta_user', 1, 'delete'),
      ),
    );
    const by = Object.fromEntries(apiForecast.buckets.map((b) => [b.bucket, [b.refresh, b.apply]]));
    expect(by).toEqual({
      // 3 POSTs; 2 updates refreshed, then 2 PUTs and 5 reads after the writes.
      '/api/v1/groups': [0, 3],
      '/api/v1/groups/{id}': [2, 2 + 5],
      // The user's refresh and the plan's token check; the apply checks the token again.
      'GET /api/v1/users/{id}': [2, 1],
      // Okta deletes a user in two DELETEs (the first deactivates).
      'POST/PUT/DELETE /api/v1/users/{id}': [0, 2],
    });
    expect(apiForecast.minutes).toBe(0);
  });

  it('counts a write per group or member a set adds or removes, and one read of the set after', async () => {
    const [assignments] = entries('okta_app_group_assignments', 1, 'update');
    const [memberships] = entries('okta_group_memberships', 1, 'update');
    if (!assignments || !memberships) throw new Error('no entries');
    const groups = (...ids: string[]) => ids.map((id) => ({ id, priority: null, profile: '{}' }));
    assignments.change.before = { id: '0oa1', app_id: '0oa1', group: groups('00g1', '00g2') };
    assignments.change.after = { id: '0oa1', app_id: '0oa1', group: groups('00g2', '00g3', '00g4') };
    // A user known only after apply (null in the plan: created by it) is added all the same.
    memberships.change.before = { id: '00g9', group_id: '00g9', users: ['00u1', '00u2'] };
    memberships.change.after = { id: '00g9', group_id: '00g9', users: ['00u1', null] };
    const { apiForecast } = await summarizeObject(plan([assignments], [memberships]));
    const by = Object.fromEntries(apiForecast.buckets.map((b) => [b.bucket, [b.refresh, b.apply]]));
    // 00g1 removed, 00g3 and 00g4 added; the set read before and after.
    expect(by['/api/v1/apps']).toEqual([1, 3 + 1]);
    // 00u2 removed, one new user added.
    expect(by['/api/v1/groups']).toEqual([1, 2 + 1]);
  });

  it('models the types the provider source was not read for, and says how many', async () => {
    const { apiForecast } = await summarizeObject(plan(entries('okta_network_zone', 4, 'no-op')));
    expect(apiForecast.buckets).toContainEqual({
      bucket: 'other /api/v1',
      refresh: 4,
      apply: 0,
      limitPerMinute: 300,
      minutes: 0,
    });
    expect(apiForecast.modelled).toBe(4);
  });

  it('is shown in the review only where a bucket waits more than a minute', async () => {
    const render = (summary: Awaited<ReturnType<typeof summarizeObject>>) =>
      renderReview(summary, {
        directory: 'org',
        workspace: 'default',
        moreAt: 'the job summary',
        budget: COMMENT_BUDGET,
      }).markdown;
    const slow = render(await summarizeObject(plan(entries('okta_app_saml', 150, 'no-op'))));
    expect(slow).toContain('#### Okta API budget');
    expect(slow).toContain('| `/api/v1/apps` | 300 | 0 | 50 | 6 |');
    expect(slow).not.toContain('`/api/v1/apps/{id}` |');
    const quick = render(await summarizeObject(plan(entries('okta_app_saml', 10, 'no-op'))));
    expect(quick).not.toContain('Okta API budget');
  });

  it('takes the limits of the org’s plan, an admin’s changes and the service app’s share', async () => {
    const limits = parseRateLimits('developer-free\n/api/v1/apps = 40\nshare = 80', 100);
    expect([
      limits.perMinute['/api/v1/apps'],
      limits.perMinute['/api/v1/groups'],
      limits.sharePercent,
    ]).toEqual([40, 100, 80]);
    expect(limits.source).toBe('developer-free + okta-rate-limits');
    // okta-max-api-capacity caps the share: the provider waits past it.
    expect(parseRateLimits('enterprise', 30).sharePercent).toBe(30);
    const { apiForecast } = await summarizeObject(plan(entries('okta_app_saml', 150, 'no-op')), {
      rateLimits: limits,
    });
    expect(apiForecast.buckets[0]).toMatchObject({
      bucket: '/api/v1/apps',
      limitPerMinute: 32,
      minutes: 9.4,
    });
  });

  it('refuses what is not a plan, a bucket or a share, naming the choices', () => {
    expect(() => parseRateLimits('platinum', 100)).toThrow(
      /"platinum" is not an Okta plan \(one of developer-free,/,
    );
    expect(() => parseRateLimits('enterprise\n/api/v1/nope = 5', 100)).toThrow(/buckets: \/api\/v1\/apps,/);
    expect(() => parseRateLimits('share = 0', 100)).toThrow(/share must be a percent from 1 to 100/);
  });
});

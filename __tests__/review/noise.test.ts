// Known provider noise (reference/okta/known-noise.tsv): an update that only differs the way okta/okta is known to
// plan when nothing changes in Okta is folded under "Provider noise" with its reason and provider issue, and gives no
// findings; the same update with one real change is not noise. Plans from the corpus of Okta's own examples.

import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOISE_RULES } from '../../src/okta/noise.js';
import { NOTE_RULES } from '../../src/okta/provider-notes.js';
import { COMMENT_BUDGET, renderReview } from '../../src/render/review.js';
import { CORPUS } from '../../testkit/okta-corpus-kept.js';
import { summarizeObject } from '../../testkit/plans.js';

type Values = Record<string, unknown>;

/**
 * An update of the first `type` object of the corpus's create plan: before and after its planned values, each with
 * its edits; every other change of the plan a no-op.
 */
function update(
  type: string,
  edit: { before?: Values; after?: Values; unknown?: Values; importing?: boolean },
) {
  const plan = JSON.parse(readFileSync(join(CORPUS, type, 'create.show.json'), 'utf8')) as {
    resource_changes: { type: string; change: Record<string, unknown> }[];
  };
  const target = plan.resource_changes.find((c) => c.type === type);
  if (!target) throw new Error(`no ${type} in the corpus`);
  for (const other of plan.resource_changes) {
    if (other === target) continue;
    other.change.actions = ['no-op'];
    other.change.before = other.change.after;
  }
  const values = { ...(target.change.after as Values), id: 'x1' };
  target.change = {
    ...target.change,
    actions: ['update'],
    before: { ...values, ...edit.before },
    after: { ...values, ...edit.after },
    after_unknown: edit.unknown ?? {},
    before_sensitive: {},
    ...(edit.importing ? { importing: { id: 'x1' } } : {}),
  };
  return summarizeObject(plan);
}

const noiseOf = async (...args: Parameters<typeof update>) => {
  const summary = await update(...args);
  return summary.changes.find((c) => c.type === args[0])?.noise ?? null;
};

describe('the noise table', () => {
  it('says only what reference/okta/known-noise.tsv says, with its evidence', () => {
    const rows = readFileSync('reference/okta/known-noise.tsv', 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('okta_') || l.startsWith('any'))
      .map((l) => l.split('\t'));
    for (const rule of NOISE_RULES) {
      const row = rows.find(
        (r) =>
          rule.types.every((t) => (r[0] ?? '').split(',').includes(t)) &&
          rule.attributes.every((a) => (r[1] ?? '').split(',').includes(a)) &&
          r[3] === rule.evidence,
      );
      expect([rule.types.join(','), row ? 'in the table' : 'missing']).toEqual([
        rule.types.join(','),
        'in the table',
      ]);
    }
    // The notes are the rows to explain, with their evidence.
    for (const rule of NOTE_RULES) {
      const row = rows.find(
        (r) =>
          rule.types.every((t) => (r[0] ?? '').split(',').includes(t)) &&
          (r[1] ?? '').split(/[ ,]/).includes(rule.attribute) &&
          r[3] === rule.evidence &&
          (r[5] ?? '').startsWith('explain'),
      );
      expect([rule.types.join(','), rule.attribute, row ? 'in the table' : 'missing']).toEqual([
        rule.types.join(','),
        rule.attribute,
        'in the table',
      ]);
    }
  });
});

describe('a change okta/okta may bring back', () => {
  const notes = async (type: string, edit: { before: Values; after: Values }) =>
    (await update(type, edit)).changes.find((c) => c.type === type)?.providerNotes.map((n) => n.evidence);

  it('stays a change, judged as any other, with a note saying why it may come back', async () => {
    const summary = await update('okta_policy_rule_signon', {
      before: { priority: 2, mfa_required: true },
      after: { priority: 1, mfa_required: false },
    });
    const change = summary.changes.find((c) => c.type === 'okta_policy_rule_signon');
    expect(change?.noise).toBeNull();
    expect(change?.providerNotes.map((n) => n.evidence)).toEqual([
      'docs "To avoid endless diff situation"; #2140 #1247 #2953 #832 #424',
    ]);
    expect(summary.findings.map((f) => f.rule)).toContain('mfa-weakened');
    const { markdown } = renderReview(summary, {
      directory: 'org',
      workspace: 'default',
      moreAt: 'the job summary',
      budget: COMMENT_BUDGET,
    });
    expect(markdown).toContain('  - May come back: Okta renumbers priorities on conflicts');
    expect(
      await notes('okta_policy_rule_signon', { before: { session_idle: 60 }, after: { session_idle: 30 } }),
    ).toEqual([]);
  });

  it('redirect URIs in another order, not other URIs', async () => {
    const uris = ['https://a.example/cb', 'https://b.example/cb'];
    expect(
      await notes('okta_app_oauth', {
        before: { redirect_uris: [...uris].reverse() },
        after: { redirect_uris: uris },
      }),
    ).toEqual(['CHANGELOG 3.30.0 / PR #1171']);
    expect(
      await notes('okta_app_oauth', {
        before: { redirect_uris: ['https://c.example/cb'] },
        after: { redirect_uris: uris },
      }),
    ).toEqual([]);
  });

  it('a policy left with no group (Okta gives it Everyone again)', async () => {
    expect(
      await notes('okta_policy_password', {
        before: { groups_included: ['00g1'] },
        after: { groups_included: [] },
      }),
    ).toEqual(['Okta guide terraform-design-rate-limits']);
    expect(
      await notes('okta_policy_password', {
        before: { groups_included: ['00g1'] },
        after: { groups_included: ['00g2'] },
      }),
    ).toEqual([]);
  });
});

describe('an update that is only noise', () => {
  it('JSON that differs only in key order and spacing', async () => {
    const settings = '{"allowedFor":"recovery"}';
    expect(
      await noiseOf('okta_authenticator', {
        before: { settings: '{ "allowedFor" : "recovery" }' },
        after: { settings },
      }),
    ).toEqual({
      reason: 'settings JSON differs only in whitespace and key order',
      evidence: 'PR #936; CHANGELOG 6.3.0 #2477',
    });
    expect(
      await noiseOf('okta_authenticator', {
        before: { settings: '{"allowedFor":"any"}' },
        after: { settings },
      }),
    ).toBeNull();
  });

  it('a list of CIDRs in another order', async () => {
    const gateways = ['10.0.0.0/24', '192.0.2.0/24'];
    expect(
      await noiseOf('okta_network_zone', {
        before: { gateways: [...gateways].reverse() },
        after: { gateways },
      }),
    ).not.toBeNull();
    expect(
      await noiseOf('okta_network_zone', { before: { gateways: ['10.0.0.0/24'] }, after: { gateways } }),
    ).toBeNull();
  });

  it('an attribute the API leaves empty, set again on every plan, alone', async () => {
    expect(
      await noiseOf('okta_app_oauth', {
        before: { consent_method: '' },
        after: { consent_method: 'TRUSTED' },
      }),
    ).not.toBeNull();
    expect(
      await noiseOf('okta_app_oauth', {
        before: { consent_method: '', redirect_uris: ['https://a.example/cb'] },
        after: { consent_method: 'TRUSTED', redirect_uris: ['https://b.example/cb'] },
      }),
    ).toBeNull();
    // From one value to another is a real change: users are no longer asked to consent.
    expect(
      await noiseOf('okta_app_oauth', {
        before: { consent_method: 'REQUIRED' },
        after: { consent_method: 'TRUSTED' },
      }),
    ).toBeNull();
  });

  it('attributes that change on the first plan after an import, in an import only', async () => {
    const edit = { before: { omit_secret: false }, after: { omit_secret: true } };
    expect(await noiseOf('okta_app_oauth', { ...edit, importing: true })).not.toBeNull();
    expect(await noiseOf('okta_app_oauth', edit)).toBeNull();
  });

  it('values known only after apply where the provider re-plans them', async () => {
    expect(
      await noiseOf('okta_user_group_memberships', { after: { groups: null }, unknown: { groups: true } }),
    ).not.toBeNull();
  });

  it('is folded under Provider noise, gives no findings, and a plan of nothing else says so', async () => {
    const summary = await update('okta_app_oauth', {
      before: { consent_method: null },
      after: { consent_method: 'TRUSTED' },
    });
    expect(summary.findings.filter((f) => f.address.startsWith('okta_app_oauth.'))).toEqual([]);
    const { markdown } = renderReview(summary, {
      directory: 'org',
      workspace: 'default',
      moreAt: 'the job summary',
      budget: COMMENT_BUDGET,
    });
    expect(markdown).toContain('**Only provider noise**: Terraform plans 1 change');
    expect(markdown).toContain('#### Provider noise (1)');
    // Escaped as the review escapes "#123" (no issue link to this repository).
    expect(markdown).toMatch(/\(okta\/okta #\u200b?2591, PR #\u200b?2634 \(6\.5\.5\)\)/);
    expect(markdown).not.toContain('#### High-risk changes');
  });
});

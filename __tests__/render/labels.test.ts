import { describe, expect, it } from '@jest/globals';
import { labelsFor, managedLabels } from '../../src/render/labels.js';
import { oktaId, oktaPlan, summarizeObject } from '../../testkit/plans.js';

const APP = {
  type: 'okta_app_oauth',
  name: 'portal',
  before: { id: oktaId('0oa', 1), label: 'Portal' },
  after: null,
};
const GROUP = {
  type: 'okta_group',
  name: 'eng',
  before: null,
  after: { id: null, name: 'Engineering' },
  unknown: ['id'],
};

describe('plan labels', () => {
  it('say no changes, changes, destroys and high-risk', async () => {
    const names = async (objects: Parameters<typeof oktaPlan>[0]['objects'], label = '') =>
      labelsFor(await summarizeObject(oktaPlan({ objects })), label).map((l) => l.name);
    expect(await names([])).toEqual(['okta:no-changes']);
    expect(await names([GROUP])).toEqual(['okta:changes']);
    expect(await names([GROUP, APP])).toEqual(['okta:changes', 'okta:destroys', 'okta:high-risk']);
    expect(await names([GROUP], 'prod')).toEqual(['okta/prod:changes']);
  });

  it('none for a failed plan; every label has a colour and a description', () => {
    expect(labelsFor(undefined, '')).toEqual([]);
    for (const label of Object.values(managedLabels(''))) {
      expect(label.color).toMatch(/^[0-9a-f]{6}$/);
      expect(label.description.length).toBeLessThanOrEqual(100);
    }
  });
});

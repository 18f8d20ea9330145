// Counting: Terraform's own rules for the Plan: line, objects counted once by what happens to them, and what
// "has changes" means (an import, a move, a forget or an output alone is a change).

import { describe, expect, it } from '@jest/globals';
import { objectAction, planLine, replaceOrder } from '../../src/plan/counts.js';
import { fixturePath } from '../../testkit/fixtures.js';
import { oktaPlan, summarizeFile, summarizeObject } from '../../testkit/plans.js';

const generated = (name: string): string => fixturePath(`generated-terraform-1.11.4/${name}/show.json`);
const group = (id: string, name: string) => ({
  id,
  name,
  description: '',
  custom_profile_attributes: '{}',
  skip_users: false,
});

describe('one object, one word', () => {
  it.each([
    [['create'], 'create'],
    [['update'], 'update'],
    [['delete'], 'delete'],
    [['delete', 'create'], 'replace'],
    [['create', 'delete'], 'replace'],
    [['forget'], 'forget'],
    [['no-op'], 'no-op'],
    [['read'], 'no-op'],
  ])('%j is %s', (actions, expected) => {
    expect(objectAction(actions)).toBe(expected);
  });

  it('tells the two replace orders apart', () => {
    expect(replaceOrder(['delete', 'create'])).toBe('delete-first');
    expect(replaceOrder(['create', 'delete'])).toBe('create-first');
    expect(replaceOrder(['update'])).toBeNull();
  });

  it("writes Terraform's Plan: line, with imports first and forgets last when there are any", () => {
    expect(planLine({ add: 1, change: 2, destroy: 3, import: 0, forget: 0 })).toBe(
      'Plan: 1 to add, 2 to change, 3 to destroy.',
    );
    expect(planLine({ add: 0, change: 0, destroy: 0, import: 2, forget: 1 })).toBe(
      'Plan: 2 to import, 0 to add, 0 to change, 0 to destroy, 1 to forget.',
    );
  });
});

describe('real plans of every kind of change', () => {
  it('replaces in both orders count once in add and once in destroy, and once as replaced', async () => {
    const s = await summarizeFile(generated('s10_replace_both_orders_and_triggered_by'));
    expect(s.terraform).toEqual({ add: 3, change: 1, destroy: 3, import: 0, forget: 0 });
    expect(s.objects.replace).toBe(3);
    expect(s.changes.map((c) => c.replaceOrder).sort()).toEqual([
      'create-first',
      'delete-first',
      'delete-first',
      null,
    ]);
  });

  it('imports are counted apart, and a no-op import is listed', async () => {
    const s = await summarizeFile(generated('s12_import_noop_update_and_create'));
    expect(s.terraform).toEqual({ add: 1, change: 1, destroy: 0, import: 2, forget: 0 });
    expect(s.changes.filter((c) => c.importing).map((c) => c.action)).toEqual(['no-op', 'update']);
  });

  it('forgets are counted, and not as destroys', async () => {
    const s = await summarizeFile(generated('s15_removed_forget_and_destroy'));
    expect(s.terraform).toEqual({ add: 0, change: 0, destroy: 1, import: 0, forget: 1 });
    expect(s.objects.forget).toBe(1);
  });

  it('moves are counted; a move with an update is both', async () => {
    const s = await summarizeFile(generated('s14_moved_rename_index_module_and_update'));
    expect(s.objects.move).toBe(3);
    expect(s.terraform.change).toBe(1);
    expect(s.changes.find((c) => c.action === 'update')?.previousAddress).toBe('terraform_data.list[1]');
  });

  it('data sources are never in the Plan: counts, but reads during apply are counted as reads', async () => {
    const s = await summarizeFile(generated('s20_data_sources_read_known_unknown_pending'));
    expect(s.objects.read).toBe(2);
    expect(s.changes.every((c) => !c.address.startsWith('data.'))).toBe(true);
  });

  it('an output-only plan has changes but no objects', async () => {
    const s = await summarizeFile(generated('s04_outputs_only_change'));
    expect(s.changes).toEqual([]);
    expect(s.outputChanges).toBe(1);
    expect(s.hasChanges).toBe(true);
  });

  it('a plan with nothing to do has no changes', async () => {
    const s = await summarizeFile(generated('s02_no_changes'));
    expect(s.hasChanges).toBe(false);
  });
});

describe('import-only and forget-only plans are never "no changes"', () => {
  const existing = group('00g1', 'Engineering');

  it('import only', async () => {
    const s = await summarizeObject(
      oktaPlan({
        objects: [{ type: 'okta_group', name: 'eng', importing: true, before: existing, after: existing }],
      }),
    );
    expect(s.terraform.import).toBe(1);
    expect(s.objects.import).toBe(1);
    expect(s.hasChanges).toBe(true);
    expect(s.changes[0]?.name).toBe('Engineering');
  });

  it('forget only', async () => {
    const s = await summarizeObject(
      oktaPlan({
        objects: [{ type: 'okta_group', name: 'eng', before: existing, after: null, actions: ['forget'] }],
      }),
    );
    expect(s.terraform).toEqual({ add: 0, change: 0, destroy: 0, import: 0, forget: 1 });
    expect(s.hasChanges).toBe(true);
    expect(s.changes[0]?.action).toBe('forget');
    expect(s.changes[0]?.highRisk).toBe(false);
  });

  it('move only', async () => {
    const s = await summarizeObject(
      oktaPlan({
        objects: [
          {
            type: 'okta_group',
            name: 'eng',
            previousAddress: 'okta_group.engineering',
            before: existing,
            after: existing,
          },
        ],
      }),
    );
    expect(s.objects.move).toBe(1);
    expect(s.terraform).toEqual({ add: 0, change: 0, destroy: 0, import: 0, forget: 0 });
    expect(s.hasChanges).toBe(true);
  });
});

describe('deposed objects', () => {
  it('count as destroyed and say what they are', async () => {
    const app = { id: '0oa1', label: 'Portal' };
    const plan = oktaPlan({
      objects: [{ type: 'okta_app_oauth', name: 'portal', before: app, after: null }],
    });
    const [change] = plan.resource_changes as Record<string, unknown>[];
    Object.assign(change as object, { deposed: '9f2a1c3e' });
    const s = await summarizeObject(plan);
    expect(s.terraform.destroy).toBe(1);
    expect(s.changes[0]?.deposed).toBe('9f2a1c3e');
  });
});

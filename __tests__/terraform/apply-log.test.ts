import { describe, expect, it } from '@jest/globals';
import { ApplyLog, confirmedByState } from '../../src/terraform/apply-log.js';
import { stateInstances } from '../../src/terraform/state-recovery.js';

// Lines as terraform 1.11.4 `apply -json` prints them (trimmed to the fields that matter).
const LINES = [
  '{"@level":"info","@message":"Terraform 1.11.4","type":"version","terraform":"1.11.4","ui":"1.2"}',
  '{"@level":"info","@message":"terraform_data.first: Creating...","type":"apply_start","hook":{"resource":{"addr":"terraform_data.first"},"action":"create"}}',
  '{"@level":"info","@message":"terraform_data.first: Creation complete after 0s [id=1]","type":"apply_complete","hook":{"resource":{"addr":"terraform_data.first"},"action":"create","id_key":"id","id_value":"1"}}',
  '{"@level":"info","@message":"terraform_data.second: Creating...","type":"apply_start","hook":{"resource":{"addr":"terraform_data.second"},"action":"create"}}',
  '{"@level":"info","@message":"terraform_data.slow: Creating...","type":"apply_start","hook":{"resource":{"addr":"terraform_data.slow"},"action":"create"}}',
  '{"@level":"error","@message":"terraform_data.second: Creation errored after 0s","type":"apply_errored","hook":{"resource":{"addr":"terraform_data.second"},"action":"create"}}',
  '{"@level":"error","@message":"Error: local-exec provisioner error","type":"diagnostic","diagnostic":{"severity":"error","summary":"local-exec provisioner error","detail":"Error running command \'exit 3\': exit status 3."}}',
  'panic: not json',
];

describe('apply -json', () => {
  it('keeps what was applied, failed and left unfinished, and the diagnostics', () => {
    const printed: string[] = [];
    const log = new ApplyLog((line) => printed.push(line));
    for (const line of LINES) log.line(line);
    const report = log.report();
    expect(report.applied).toEqual([{ address: 'terraform_data.first', action: 'create' }]);
    expect(report.failed).toEqual([{ address: 'terraform_data.second', action: 'create' }]);
    expect(report.unfinished).toEqual([{ address: 'terraform_data.slow', action: 'create' }]);
    expect(report.counts).toBeUndefined();
    expect(report.diagnostics).toContain(
      "Error: local-exec provisioner error\n\nError running command 'exit 3'",
    );
    expect(printed).toContain('terraform_data.first: Creation complete after 0s [id=1]');
    expect(printed).toContain('panic: not json');
    expect(printed.some((l) => l.startsWith('{'))).toBe(false);
  });

  it("reads Terraform's own counts", () => {
    const log = new ApplyLog(() => undefined);
    log.line(
      '{"type":"change_summary","@message":"Apply complete!","changes":{"add":2,"change":1,"import":0,"remove":1,"operation":"apply"}}',
    );
    expect(log.report().counts).toEqual({ add: 2, change: 1, remove: 1, import: 0 });
  });
});

describe('confirmedByState', () => {
  const report = (applied: Array<{ address: string; action: string }>) => ({
    applied,
    failed: [],
    unfinished: [],
    unconfirmed: [],
    counts: undefined,
    diagnostics: '',
  });

  it('counts as applied only what the saved state agrees with', () => {
    const state = new Map([
      ['okta_group.kept', '00g1'],
      ['okta_app_oauth.replaced', '0oa2'],
    ]);
    const confirmed = confirmedByState(
      report([
        { address: 'okta_group.kept', action: 'create' },
        { address: 'okta_group.lost', action: 'create' },
        { address: 'okta_group.removed', action: 'delete' },
        { address: 'okta_app_oauth.replaced', action: 'delete' },
        { address: 'okta_app_oauth.replaced', action: 'create' },
        { address: 'okta_user.still_there', action: 'delete' },
      ]),
      new Map([...state, ['okta_user.still_there', '00u3']]),
    );
    expect(confirmed.applied.map((o) => `${o.action} ${o.address}`)).toEqual([
      'create okta_group.kept',
      'delete okta_group.removed',
      'delete okta_app_oauth.replaced',
      'create okta_app_oauth.replaced',
    ]);
    expect(confirmed.unconfirmed.map((o) => o.address)).toEqual(['okta_group.lost', 'okta_user.still_there']);
  });

  it('confirms nothing when the state could not be read back', () => {
    const confirmed = confirmedByState(report([{ address: 'okta_group.a', action: 'create' }]), undefined);
    expect(confirmed.applied).toEqual([]);
    expect(confirmed.unconfirmed).toEqual([{ address: 'okta_group.a', action: 'create' }]);
  });
});

describe('stateInstances', () => {
  it('reads the addresses a state v4 holds, with module and index keys', () => {
    const state = JSON.stringify({
      version: 4,
      resources: [
        {
          mode: 'managed',
          type: 'okta_group',
          name: 'team',
          instances: [{ index_key: 'eng', attributes: { id: '00g1' } }],
        },
        {
          module: 'module.org',
          mode: 'managed',
          type: 'okta_app_oauth',
          name: 'portal',
          instances: [{ index_key: 0, attributes: { id: '0oa1' } }],
        },
        { mode: 'data', type: 'okta_group', name: 'everyone', instances: [{ attributes: { id: '00g0' } }] },
        { mode: 'managed', type: 'okta_user', name: 'never', instances: [] },
      ],
    });
    expect([...stateInstances(state)]).toEqual([
      ['okta_group.team["eng"]', '00g1'],
      ['module.org.okta_app_oauth.portal[0]', '0oa1'],
      ['data.okta_group.everyone', '00g0'],
    ]);
    expect(stateInstances('').size).toBe(0);
  });
});

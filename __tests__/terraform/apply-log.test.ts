import { describe, expect, it } from '@jest/globals';
import { ApplyLog } from '../../src/terraform/apply-log.js';

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

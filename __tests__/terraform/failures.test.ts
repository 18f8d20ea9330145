import { describe, expect, it } from '@jest/globals';
import {
  classifyFailure,
  diagnosticSummaries,
  errorDiagnostics,
  parseLockInfo,
} from '../../src/terraform/failures.js';

// What terraform 1.11.4 prints (-no-color) when the local backend's lock is held by `terraform console`.
const LOCAL_LOCKED = `Acquiring state lock. This may take a few moments...

Error: Error acquiring the state lock

Error message: resource temporarily unavailable
Lock Info:
  ID:        94cd9680-574a-b511-a9b5-d16f1f36c514
  Path:      terraform.tfstate
  Operation: OperationTypeApply
  Who:       alice@build-7
  Version:   1.11.4
  Created:   2026-11-28 18:59:30.7148353 +0000 UTC
  Info:      
`;

// The http backend prints the holder's ID only; the Lock Info block that follows is the lock it tried to take.
const HTTP_LOCKED = `Error: Error acquiring the state lock

Error message: HTTP remote state already locked:
ID=11111111-2222-3333-4444-555555555555
Lock Info:
  ID:        58b69405-4d5b-1ada-3b52-9940313ca428
  Operation: OperationTypePlan
  Who:       root@vm
  Created:   2026-11-28 18:54:28.191378215 +0000 UTC
`;

const RATE_LIMITED = `╷
│ Error: failed to create group
│
│   with okta_group.engineering,
│   on groups.tf line 1, in resource "okta_group" "engineering":
│    1: resource "okta_group" "engineering" {
│
│ the API returned an error: API call exceeded rate limit due to too many requests., giving up after 6 attempt(s)
╵`;

const UNAUTHORIZED = `╷
│ Error: failed to get user: the API returned an error: Invalid token provided, Status: 401 Unauthorized
│
│   with data.okta_user.admin,
╵`;

describe('failure classification', () => {
  it('names who holds the lock and since when, and how to release it', () => {
    expect(parseLockInfo(LOCAL_LOCKED)).toMatchObject({
      who: 'alice@build-7',
      operation: 'OperationTypeApply',
    });
    const error = classifyFailure('plan', LOCAL_LOCKED, '2m');
    expect(error.reason).toBe('state-locked');
    expect(error.message).toBe(
      'the state is locked by alice@build-7 (apply) since 2026-11-28 18:59:30.7148353 +0000 UTC, lock ID ' +
        '94cd9680-574a-b511-a9b5-d16f1f36c514; waited lock-timeout 2m. Wait for that run to finish, or raise ' +
        'lock-timeout. If that run died, unlock it with `terraform force-unlock 94cd9680-574a-b511-a9b5-d16f1f36c514`.',
    );
  });

  it('does not take the http backend’s own attempt for the holder', () => {
    expect(parseLockInfo(HTTP_LOCKED)).toEqual({ id: '11111111-2222-3333-4444-555555555555' });
    const { message } = classifyFailure('apply', HTTP_LOCKED, '5m');
    expect(message).toContain('lock ID 11111111-2222-3333-4444-555555555555');
    expect(message).not.toContain('root@vm');
  });

  it('gives Okta’s rate-limit advice', () => {
    const error = classifyFailure('apply', RATE_LIMITED, '5m');
    expect(error.reason).toBe('rate-limited');
    expect(error.message).toMatch(
      /^failed to create group: the API returned an error: API call exceeded rate limit due to too many requests\., giving up after 6 attempt\(s\)\. Okta answered HTTP 429/,
    );
    expect(error.message).toMatch(/okta-max-api-capacity.*parallelism.*Application Rate Limits/);
  });

  it('says Okta refused the credentials on 401/403', () => {
    const error = classifyFailure('plan', UNAUTHORIZED, '5m');
    expect(error.reason).toBe('credentials-missing');
    expect(error.message).toMatch(/^Okta refused the credentials \(failed to get user: .*401 Unauthorized\)/);
  });

  it('otherwise reports the diagnostics’ summaries for the phase', () => {
    const output =
      'Error: Unsupported argument\n\nsomething\n╷\n│ Error: Invalid reference\n╵\nError: Unsupported argument\n';
    expect(diagnosticSummaries(output)).toEqual(['Unsupported argument', 'Invalid reference']);
    expect(classifyFailure('plan', output, '5m')).toMatchObject({
      reason: 'plan-failed',
      message: 'Unsupported argument: something; Invalid reference',
    });
    expect(classifyFailure('init', 'no diagnostics', '5m')).toMatchObject({
      reason: 'init-failed',
      message: 'terraform init failed; see its output above in the log',
    });
    expect(classifyFailure('apply', 'Error: x', '5m').reason).toBe('apply-failed');
  });

  // Terraform 1.11.4's own output (plan and init with -no-color, stderr), as printed on this machine.
  const PRECONDITION = `Planning failed. Terraform encountered an error while generating this plan.


Error: Resource precondition failed

  on main.tf line 8, in resource "terraform_data" "x":
   8:       condition     = var.who == "bob"
    ├────────────────
    │ var.who is "alice"

Only bob may own this Okta org's admin group, because the security team
reviews his changes every Friday and nobody else's.
`;
  const INIT = `Initializing modules...
- m in
Error: Unreadable module directory

Unable to evaluate directory symlink: lstat nowhere: no such file or
directory

Error: Unsupported Terraform Core version

  on main.tf line 10, in terraform:
  10:   required_version = ">= 99.0"

This configuration does not support Terraform version 1.11.4. To proceed,
either choose another supported Terraform version or update this version
constraint.
`;

  it("says a precondition's error_message, whole, and skips the source lines and their values", () => {
    expect(classifyFailure('plan', PRECONDITION, '5m').message).toBe(
      "Resource precondition failed: Only bob may own this Okta org's admin group, because the security team reviews his changes every Friday and nobody else's.",
    );
  });

  it('joins what Terraform wrapped, in the summary and in the detail, and keeps every error', () => {
    expect(classifyFailure('init', INIT, '5m').message).toBe(
      'Unreadable module directory: Unable to evaluate directory symlink: lstat nowhere: no such file or directory; ' +
        'Unsupported Terraform Core version: This configuration does not support Terraform version 1.11.4. To proceed, either choose another supported Terraform version or update this version constraint.',
    );
    // On a terminal the diagnostics are boxed, and a long summary wraps inside the box.
    const boxed = [
      '╷',
      '│ Error: Terraform encountered problems while reading the configuration, including',
      '│ problems in the root module',
      '│',
      '│ Invalid precondition expression in okta_group.admins.',
      '╵',
      '╷',
      '│ Warning: Unable to open CLI configuration file',
      '│',
      '│ The CLI configuration file does not exist.',
      '╵',
    ].join('\n');
    expect(errorDiagnostics(boxed)).toEqual([
      {
        summary:
          'Terraform encountered problems while reading the configuration, including problems in the root module',
        detail: 'Invalid precondition expression in okta_group.admins.',
      },
    ]);
  });

  // okta/okta's words for Okta's 403 (okta-sdk-golang's Error()), as the plan prints them, one object per diagnostic.
  const FORBIDDEN = ['okta_group.engineering', 'module.baseline.okta_app_oauth.portal', 'okta_group.support']
    .map(
      (address) => `
Error: failed to get ${address.split('.').at(-2) ?? ''}: the API returned an error: You do not have permission to perform the requested action

  with ${address},
  on main.tf line 1, in resource:
   1: resource {
`,
    )
    .join('');

  it('names the scope each refused object needs: read to plan, manage to apply', () => {
    const plan = classifyFailure('plan', FORBIDDEN, '5m');
    expect(plan.reason).toBe('credentials-missing');
    expect(plan.message).toMatch(
      /^Okta answered 403 \(E0000006, not permitted\) for okta_group\.engineering, module\.baseline\.okta_app_oauth\.portal, okta_group\.support: a service app needs the scopes okta\.groups\.read, okta\.apps\.read granted and listed in OKTA_API_SCOPES; an API token's admin needs a role that may read them/,
    );
    expect(classifyFailure('apply', FORBIDDEN, '5m').message).toContain(
      'the scopes okta.groups.manage, okta.apps.manage granted',
    );
  });
});

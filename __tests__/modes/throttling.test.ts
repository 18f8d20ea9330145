// What Okta's rate limits cost a run, end to end: the action has Terraform write okta/okta's INFO log to a file of
// its own (TF_LOG_PROVIDER, TF_LOG_PATH), and the job summary says how long the provider waited per bucket. The
// provider cannot run here, and a reattached stand-in's log does not pass through Terraform, so a local-exec
// provisioner writes the provider's line (its format string at v6.12.0) into the file Terraform was given: what
// the run sees is the same file, filled during the apply.

import { describe, expect, it, jest } from '@jest/globals';
import { useOrgStack } from '../../testkit/org-stack.js';
import { orgConfig } from '../../testkit/workflow.js';

jest.setTimeout(180_000);

const PR = 31;
const stack = useOrgStack('throttling');
const WAIT =
  'Throttling API requests; sleeping for 42 seconds until rate limit reset (path class "apps", bucket "/api/v1/apps": 0 remaining of 50 total); current request "GET /api/v1/apps/0oa1/groups"';

/** A group, and an object whose creation writes the provider's wait into TF_LOG_PATH (twice) as okta/okta would. */
function files(): Record<string, string> {
  const provisioned = `
resource "terraform_data" "throttled" {
  input = "x"
  provisioner "local-exec" {
    command = "cat provider-wait.log provider-wait.log >> \\"$TF_LOG_PATH\\""
  }
}
`;
  return {
    ...orgConfig({ engineering: 'Engineering' }, provisioned),
    'orgs/acme/provider-wait.log': `2026-12-01T10:00:00.000Z [INFO]  provider.terraform-provider-okta_v6.12.0: ${WAIT}: timestamp=2026-12-01T10:00:00.000Z\n`,
  };
}

describe("okta/okta's waits for Okta's rate limits", () => {
  it('are told in the job summary of the run that waited, per bucket, and the log is never posted', async () => {
    const reviewed = await stack.pullRequestRun(PR, files());
    expect(reviewed.code).toBe(0);
    expect(reviewed.stepSummary).not.toContain('### Okta rate limits');
    stack.github.setPullsForCommit('merge-throttled', [PR]);

    const merged = await stack.mergeRun(files(), 'merge-throttled');
    expect(merged.code).toBe(0);
    expect(merged.stepSummary).toContain('### Okta rate limits');
    expect(merged.stepSummary).toContain('okta/okta waited 84 seconds');
    expect(merged.stepSummary).toContain('| `/api/v1/apps` | 2 | 84 |');
    const posted = [merged.stdout, merged.stepSummary, ...stack.github.comments(PR).map((c) => c.body)].join(
      '\n',
    );
    expect(posted).not.toContain('current request');
  });
});

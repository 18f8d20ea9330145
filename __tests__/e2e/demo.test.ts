// The README's first command, as a new user runs it: `npm run demo` tells the whole story and each review once, and
// writes the reviews as GitHub shows them to demo-output/review.html.

import { describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

jest.setTimeout(240_000);

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');

describe('npm run demo', () => {
  it('plans, applies, reports drift and what was made by hand, refuses a high-risk merge, and imports', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { demo: string } };
    const [command = '', ...args] = pkg.scripts.demo.split(' ');
    expect(command).toBe('node');
    const { stdout } = await run(process.execPath, args, { cwd: ROOT, maxBuffer: 1 << 26 });
    const titles = [...stdout.matchAll(/^━━━━ (\d)\. .* \(exit (\d), /gm)].map((m) => `${m[1]}:${m[2]}`);
    expect(titles).toEqual(['1:0', '2:0', '4:0', '5:0', '6:1', '7:0']);
    expect(stdout).toContain('Applied: 11 added, 0 changed, 0 destroyed.');
    expect(stdout).toMatch(
      /::error::not-approved: the plan needs approvals it does not have \(policy: built-in\): high or worse/,
    );
    expect(stdout).toContain('### Made outside Terraform (2)');
    expect(stdout).toContain('resource "okta_group" "contractors"');
    // Each review once, as GitHub shows it (pull request #1's comment, the drift issue, pull request #2's comment),
    // never again as a job summary.
    expect(stdout.match(/^### Okta plan for acme\.okta\.com$/gm)).toHaveLength(3);
    const html = readFileSync(join(ROOT, 'demo-output', 'review.html'), 'utf8');
    expect(html).toContain('high-risk');
    expect(html).not.toContain('&lt;!-- okta-terraform-action');
  });
});

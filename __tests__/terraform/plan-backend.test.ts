// The backend a saved plan records, read from plans the real terraform writes: Terraform applies a saved plan to
// that backend, whatever the working directory was initialized with since.

import { describe, expect, it, jest } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backendIdentity, sameBackend } from '../../src/terraform/backend.js';
import { planBackend } from '../../src/terraform/plan-backend.js';

jest.setTimeout(60_000);

function planned(backend: string, initArgs: string[] = [], workspace?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'okta-tf-plan-backend-'));
  writeFileSync(
    join(dir, 'main.tf'),
    `terraform {\n${backend}}\nresource "terraform_data" "a" {\n  input = "x"\n}\n`,
  );
  const terraform = (...args: string[]) => execFileSync('terraform', args, { cwd: dir, stdio: 'pipe' });
  terraform('init', '-input=false', ...initArgs);
  if (workspace) terraform('workspace', 'new', workspace);
  terraform('plan', '-input=false', '-out=plan.tfplan');
  return dir;
}

describe('the backend a plan file records', () => {
  it("is the working directory's own after init, workspace included", async () => {
    const dir = planned(
      '  backend "local" {}\n',
      [`-backend-config=path=${tmpdir()}/elsewhere.tfstate`],
      'staging',
    );
    const recorded = await planBackend(join(dir, 'plan.tfplan'));
    expect(recorded).toEqual({
      identity: `local {"path":"${tmpdir()}/elsewhere.tfstate"}`,
      workspace: 'staging',
    });
    expect(sameBackend(recorded.identity, await backendIdentity(dir, undefined))).toBe(true);
  });

  it('is the local backend with its defaults when the configuration has no backend block', async () => {
    const dir = planned('');
    const recorded = await planBackend(join(dir, 'plan.tfplan'));
    expect(recorded.workspace).toBe('default');
    expect(sameBackend(recorded.identity, await backendIdentity(dir, undefined))).toBe(true);
    expect(sameBackend(recorded.identity, 'local {"path":"/other.tfstate"}')).toBe(false);
  });

  it('is an error for a file that is not a plan', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'okta-tf-plan-backend-'));
    writeFileSync(join(dir, 'not.tfplan'), 'not a zip');
    await expect(planBackend(join(dir, 'not.tfplan'))).rejects.toThrow();
  });
});

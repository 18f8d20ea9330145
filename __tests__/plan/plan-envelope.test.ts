// The sealed plan file: AES-256-GCM under a key drawn from the secret by scrypt, its header authenticated with it.
// Whatever is altered, cut or opened with another key opens nothing, and leaves no half-decrypted file behind.

import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPlan, PlanEnvelopeError, sealPlan, type PlanHeader } from '../../src/plan/plan-envelope.js';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const HEADER: PlanHeader = {
  repository: 'acme/okta-config',
  directory: 'orgs/acme',
  workspace: 'default',
  label: '',
  fingerprint: 'f'.repeat(64),
  configuration: 'c'.repeat(64),
  plannedAt: '2026-12-02T00:00:00.000Z',
  run: '4242',
};

function sealed(plan: Buffer = randomBytes(200_000)) {
  const dir = mkdtempSync(join(tmpdir(), 'okta-tf-envelope-'));
  writeFileSync(join(dir, 'plan.tfplan'), plan);
  return { dir, plan, file: join(dir, 'sealed'), out: join(dir, 'opened.tfplan') };
}

describe('sealing a plan file', () => {
  it('opens with the secret to the same bytes and header, owner-only, and holds nothing of the plan in clear', async () => {
    const plan = Buffer.from(`password = "in-the-plan-${'x'.repeat(5000)}"`);
    const { dir, file, out } = sealed(plan);
    await sealPlan(join(dir, 'plan.tfplan'), file, { secret: SECRET, header: HEADER, bound: 'token = "v"' });
    expect(readFileSync(file).includes('in-the-plan')).toBe(false);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const opened = await openPlan(file, out, SECRET);
    expect(readFileSync(out).equals(plan)).toBe(true);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(opened.header).toEqual(HEADER);
    expect(opened.binds('token = "v"')).toBe(true);
    expect(opened.binds('token = "w"')).toBe(false);
  });

  it('streams a plan of several megabytes', async () => {
    const { dir, plan, file, out } = sealed(randomBytes(5 * 1024 * 1024 + 3));
    await sealPlan(join(dir, 'plan.tfplan'), file, { secret: SECRET, header: HEADER, bound: '' });
    await openPlan(file, out, SECRET);
    expect(readFileSync(out).equals(plan)).toBe(true);
  });

  const alterations: Array<[string, (b: Buffer) => Buffer]> = [
    ['a byte of the ciphertext', (b) => flip(b, b.length - 100)],
    ['a byte of the header (the fingerprint)', (b) => flip(b, b.indexOf('ffff'))],
    ['the tag', (b) => flip(b, b.length - 1)],
  ];
  it.each(alterations)('opens nothing when %s is altered', async (_what, alter) => {
    const { dir, file, out } = sealed();
    await sealPlan(join(dir, 'plan.tfplan'), file, { secret: SECRET, header: HEADER, bound: '' });
    writeFileSync(file, alter(readFileSync(file)));
    await expect(openPlan(file, out, SECRET)).rejects.toThrow(
      new PlanEnvelopeError('it does not open with plan-encryption-key (another key, or it was altered)'),
    );
    expect(existsSync(out)).toBe(false);
  });

  it('opens nothing with another secret, a file cut short or a file that is not a sealed plan', async () => {
    const { dir, file, out } = sealed();
    await sealPlan(join(dir, 'plan.tfplan'), file, { secret: SECRET, header: HEADER, bound: '' });
    await expect(openPlan(file, out, `${SECRET}-other`)).rejects.toThrow(/another key, or it was altered/);
    writeFileSync(join(dir, 'cut'), readFileSync(file).subarray(0, 40));
    await expect(openPlan(join(dir, 'cut'), out, SECRET)).rejects.toThrow(/it is cut short|not JSON/);
    writeFileSync(join(dir, 'zip'), Buffer.from('PK\u0003\u0004 a zip, not a sealed plan'));
    await expect(openPlan(join(dir, 'zip'), out, SECRET)).rejects.toThrow(
      /not a plan file this action sealed/,
    );
    expect(existsSync(out)).toBe(false);
  });
});

function flip(buffer: Buffer, at: number): Buffer {
  const copy = Buffer.from(buffer);
  copy[at] = (copy[at] ?? 0) ^ 1;
  return copy;
}

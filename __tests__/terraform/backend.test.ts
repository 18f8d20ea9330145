import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  backendConfigText,
  backendSecrets,
  hclString,
  parseBackendConfig,
  writeBackendConfig,
} from '../../src/terraform/backend.js';

describe('backend-config', () => {
  it('reads key=value lines, keeping = inside values, skipping blanks and comments', () => {
    expect(
      parseBackendConfig('\n# state\nbucket = acme-okta\nconn_str=postgres://u:p@h/db?sslmode=disable\n'),
    ).toEqual([
      { key: 'bucket', value: 'acme-okta' },
      { key: 'conn_str', value: 'postgres://u:p@h/db?sslmode=disable' },
    ]);
  });

  it('names the bad line without quoting its value', () => {
    expect(() => parseBackendConfig('bucket=x\nhunter2-secret\n')).toThrow(
      /backend-config line 2 is not key=value/,
    );
    // Must throw, and its message must not quote the value: a check inside a catch would pass if it stopped throwing.
    expect(() => parseBackendConfig('hunter2-secret')).toThrow(/^(?!.*hunter2).*line 1 is not key=value/);
  });

  it('masks every value but booleans and numbers; a credential key whatever its value, and URL credentials', () => {
    expect(backendSecrets(parseBackendConfig('a=true\nb=42\nc=s3cr3t\nd=\ne=False'))).toEqual(['s3cr3t']);
    expect(backendSecrets(parseBackendConfig('username=ci\npassword=73519864\nretry_max=3'))).toEqual([
      '73519864',
    ]);
    expect(
      backendSecrets(parseBackendConfig('address=https://state.test/s?access_token=t0k%2Bx&ref=main')),
    ).toEqual(['https://state.test/s?access_token=t0k%2Bx&ref=main', 't0k+x', 't0k%2Bx']);
  });

  it('writes HCL that Terraform reads back to the same strings, templates and all', async () => {
    const tricky = 'p@ss"w\\ord ${not_a_var} %{if x}\ttab';
    expect(hclString(tricky)).toBe('"p@ss\\"w\\\\ord $${not_a_var} %%{if x}\\ttab"');
    const dir = mkdtempSync(join(tmpdir(), 'okta-tf-backend-'));
    const path = await writeBackendConfig([{ key: 'password', value: tricky }], dir);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // terraform console evaluates the same HCL string syntax: the literal must come back byte for byte.
    writeFileSync(join(dir, 'main.tf'), `locals {\n  v = ${hclString(tricky)}\n}\n`);
    const printed = execFileSync('terraform', ['console'], {
      cwd: dir,
      input: 'base64encode(local.v)\n',
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    expect(printed.trim()).toBe(`"${Buffer.from(tricky).toString('base64')}"`);
    expect(backendConfigText([{ key: 'a', value: 'b' }])).toBe('a = "b"\n');
  });
});

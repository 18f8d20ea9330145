// Reading plans as streams: any chunking, any supported encoding, and one clear line for anything that is not a plan.

import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActionError } from '../../src/errors.js';
import { fixturePath } from '../../testkit/fixtures.js';
import { rejection, summarizeFile, summarizeObject, summarizeText } from '../../testkit/plans.js';

const tmp = mkdtempSync(join(tmpdir(), 'okta-tf-stream-'));
const EXAMPLE = readFileSync('examples/plans/pull-request.json');
const MOVED = readFileSync(
  fixturePath('generated-terraform-1.11.4/s14_moved_rename_index_module_and_update/show.json'),
);

function file(name: string, content: string | Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

async function failure(promise: Promise<unknown>): Promise<ActionError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(ActionError);
  const actionError = error as ActionError;
  expect(actionError.reason).toBe('invalid-input');
  expect(actionError.message).not.toMatch(/\n/);
  return actionError;
}

describe('chunking', () => {
  it.each([1, 3, 17, 64, 1000, 4096])('gives the same summary with %i-byte chunks', async (size) => {
    const whole = await summarizeText(EXAMPLE);
    expect(await summarizeText(EXAMPLE, size)).toEqual(whole);
    expect(await summarizeText(MOVED, size)).toEqual(await summarizeText(MOVED));
  });
});

describe('encodings', () => {
  it('reads UTF-8 with a byte-order mark, UTF-16LE and UTF-16BE with one', async () => {
    const expected = await summarizeText(EXAMPLE);
    const text = EXAMPLE.toString('utf8');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le).swap16();
    for (const content of [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), EXAMPLE]), le, be]) {
      expect(await summarizeFile(file('encoded.json', content))).toEqual(expected);
      expect(await summarizeText(content, 5)).toEqual(expected);
    }
  });

  it('reads the real UTF-16 plans written by Windows', async () => {
    const summary = await summarizeFile(fixturePath('checkov/encoding_win_utf16.json'));
    expect(summary.plan.formatVersion).toMatch(/^\d+\.\d+$/);
  });
});

describe('inputs that are not plans get one line that says what to do', () => {
  it.each([
    ['not JSON', 'hello', /not a JSON object/],
    ['a JSON array', '[1,2]', /JSON array/],
    ['truncated JSON', EXAMPLE.subarray(0, 5000), /truncated/],
    ['data after the document', '{"format_version":"1.2","planned_values":{}} {}', /after the end/],
    ['a broken object', '{"format_version" "1.2"}', /not valid JSON/],
    [
      'a plan -json log stream',
      '{"@level":"info","@message":"Terraform 1.11.4","type":"version"}\n{"@level":"info"}\n',
      /plan -json/,
    ],
    [
      'a state file',
      '{"format_version":"1.0","terraform_version":"1.11.4","values":{"root_module":{}}}',
      /state, not a plan/,
    ],
    ['an empty state', '{"format_version":"1.0"}', /state, not a plan/],
    ['some other JSON', '{"hello":"world"}', /not a Terraform plan/],
    [
      'format 2',
      '{"format_version":"2.0","planned_values":{}}',
      /format_version is "2\.0".*upgrade the action/,
    ],
    [
      'redacted plan format 2',
      '{"plan_format_version":"2.1","resource_changes":[]}',
      /plan_format_version is "2\.1"/,
    ],
    ['a binary plan file', Buffer.from('PK\u0003\u0004binary'), /binary plan file/],
  ])('%s', async (_what, content, message) => {
    const error = await failure(summarizeFile(file('input.json', content)));
    expect(error.message).toMatch(message);
  });

  it('an empty file', async () => {
    expect((await failure(summarizeFile(file('empty.json', '')))).message).toMatch(/is empty/);
  });

  it('a missing file', async () => {
    expect((await failure(summarizeFile(join(tmp, 'missing.json')))).message).toMatch(/does not exist/);
  });

  it('a directory', async () => {
    expect((await failure(summarizeFile(tmp))).message).toMatch(/is a directory/);
  });
});

describe('plans from other producers', () => {
  it("reads HCP Terraform's redacted JSON plan", async () => {
    const summary = await summarizeFile(
      fixturePath('opentofu/cloud-logs/plan-json-basic__plan-redacted.json'),
    );
    expect(summary.terraform.add).toBeGreaterThan(0);
  });

  it('counts action invocations (Terraform 1.14) as changes', async () => {
    const summary = await summarizeFile(fixturePath('terraform-json/actions__plan.json'));
    expect(summary.actionInvocations).toBe(1);
    expect(summary.hasChanges).toBe(true);
  });

  it('keeps unknown top-level sections out of the way', async () => {
    const summary = await summarizeObject({
      format_version: '1.9',
      future_section: { anything: [1, { deep: ['x'] }] },
      resource_changes: [],
    });
    expect(summary.hasChanges).toBe(false);
  });
});

// okta-tf: the action's core on the command line.
//   okta-tf summarize PLAN_JSON|- [--format markdown|json] [--out FILE] [--directory DIR] [--workspace NAME]
//                    [--policy FILE]

import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ActionError, errorMessage } from '../errors.js';
import { openPlan } from '../plan/plan-file.js';
import { summarizePlan } from '../plan/summarize.js';
import { printSummaryJson, writeSummaryJson } from '../plan/summary-json.js';
import { COMMENT_BUDGET, renderReview } from '../render/review.js';
import { DEFAULT_POLICY_FILE, readPolicy, type ReviewPolicy } from '../review/policy.js';

const USAGE = `Usage: okta-tf summarize PLAN_JSON|- [options]

Summarizes a \`terraform show -json PLANFILE\` output in Okta's terms (use - to read stdin).

Options:
  --format markdown|json  markdown: the review comment the action posts (default); json: the summary
  --out FILE              write to FILE instead of stdout
  --directory DIR         the Terraform directory named in the review (default .)
  --workspace NAME        the Terraform workspace named in the review (default: TF_WORKSPACE or "default")
  --policy FILE           the review policy: rules off, severities, allowlists (default: ./.okta-review.yml
                          when there is one)
  -h, --help              show this help`;

class UsageError extends Error {}

interface CliOptions {
  plan: string;
  format: 'markdown' | 'json';
  out: string | null;
  directory: string;
  workspace: string;
  policy: ReviewPolicy;
}

function parse(argv: readonly string[]): CliOptions | 'help' {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'markdown' },
      out: { type: 'string' },
      directory: { type: 'string', default: '.' },
      workspace: { type: 'string' },
      policy: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const [command, plan, ...extra] = positionals;
  if (command !== 'summarize')
    throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  if (!plan) throw new UsageError('missing PLAN_JSON (a file, or - for stdin)');
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (values.format !== 'markdown' && values.format !== 'json') {
    throw new UsageError(`--format must be markdown or json, not "${values.format}"`);
  }
  return {
    plan,
    format: values.format,
    out: values.out ?? null,
    directory: values.directory,
    workspace: values.workspace ?? (process.env.TF_WORKSPACE || 'default'),
    policy: values.policy
      ? readPolicy(values.policy, values.policy, { required: true })
      : readPolicy(DEFAULT_POLICY_FILE, DEFAULT_POLICY_FILE, { required: false }),
  };
}

async function summarize(options: CliOptions): Promise<void> {
  const summary = await summarizePlan(await openPlan(options.plan), {
    env: process.env,
    policy: options.policy,
  });
  if (options.format === 'json') {
    if (options.out) await writeSummaryJson(options.out, summary);
    else await printSummaryJson(summary);
    return;
  }
  const { markdown } = renderReview(summary, {
    directory: options.directory,
    workspace: options.workspace,
    moreAt: 'the JSON summary (`okta-tf summarize PLAN --format json`)',
    budget: COMMENT_BUDGET,
  });
  if (options.out) await writeFile(options.out, markdown);
  else process.stdout.write(markdown);
}

/** Runs the CLI; returns the exit code. Errors are one line on stderr, never a stack trace. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const options = parse(argv);
    if (options === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    await summarize(options);
    return 0;
  } catch (e) {
    const usage =
      e instanceof UsageError ||
      (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'));
    const prefix = e instanceof ActionError || usage ? '' : 'unexpected error (please report it): ';
    process.stderr.write(`okta-tf: ${prefix}${errorMessage(e)}${usage ? ' (see okta-tf --help)' : ''}\n`);
    return 1;
  }
}

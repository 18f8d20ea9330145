// okta-tf: the action's core on the command line.
//   okta-tf summarize PLAN_JSON|- [--format markdown|json] [--out FILE] [--directory DIR] [--workspace NAME]
//                    [--policy FILE]
//   okta-tf review PLAN_JSON|- [--format markdown|json|sarif] [--fail-on SEVERITY] [--policy FILE] [--out FILE]
//                 [--directory DIR]
//   okta-tf unmanaged STATE_OR_PLAN_JSON|- [--format markdown|json] [--out FILE] [--directory DIR]
//   okta-tf import --types TYPE,... [STATE_OR_PLAN_JSON] [--directory DIR] [--format markdown|json]

import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readModuleConfiguration } from '../configuration/module.js';
import { ActionError, errorMessage } from '../errors.js';
import { openPlan } from '../plan/plan-file.js';
import { summarizePlan } from '../plan/summarize.js';
import { printSummaryJson, writeSummaryJson } from '../plan/summary-json.js';
import type { PlanSummary } from '../plan/types.js';
import { COMMENT_BUDGET, renderReview } from '../render/review.js';
import { sarifLog } from '../render/sarif.js';
import { highestSeverity, SEVERITIES, severityRank, type BlockOn } from '../review/findings.js';
import { DEFAULT_POLICY_FILE, readPolicy, type ReviewPolicy } from '../review/policy.js';
import { importMarkdown, importObjects } from './import.js';
import { unmanagedReport } from './unmanaged.js';
import { VERSION } from '../version.js';

const USAGE = `Usage: okta-tf summarize PLAN_JSON|- [options]
       okta-tf review PLAN_JSON|- [options]
       okta-tf unmanaged STATE_OR_PLAN_JSON|- [options]
       okta-tf import --types TYPE,... [STATE_OR_PLAN_JSON] [options]

summarize: a \`terraform show -json PLANFILE\` output in Okta's terms (use - to read stdin).
review: its security findings, with an exit code by severity (for pre-commit hooks and other CI systems).
unmanaged: the org's objects, of the kinds the state manages, that are not in it (made in the Admin Console);
           asks Okta with OKTA_ORG_NAME + OKTA_BASE_URL (or OKTA_HTTP_PROXY) and OKTA_API_TOKEN,
           OKTA_ACCESS_TOKEN or a service app (OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY, OKTA_API_SCOPES), or
           what --directory's provider block sets. Reads \`terraform show -json\` (a state)
           or a plan's.
import: brings the org's objects of --types (okta_group, okta_group_rule, okta_network_zone, okta_app_oauth...)
        that no state holds under the Terraform configuration in --directory (run terraform init there first):
        import blocks, Terraform's generated configuration tidied into one file per type, and the last plan's
        verdict (what still does not converge, and which attributes). Users are never imported.

Options:
  --format FORMAT         summarize: markdown (the review comment the action posts, default) or json (the summary);
                          review: markdown (default), json (the findings) or sarif (SARIF 2.1.0, for code scanning);
                          unmanaged: markdown (default) or json ({"unmanaged": [{"type", "id", "name"}]})
  --types TYPE,...        import: the okta/okta types to import
  --fail-on SEVERITY      review: exit 2 when a finding is this severe or more: critical, high (default), medium,
                          low, info, or none
  --policy FILE           the review policy: rules off, severities, allowlists (default: ./.okta-review.yml
                          when there is one)
  --out FILE              write to FILE instead of stdout
  --directory DIR         the Terraform directory named in the review, whose .tf files locate findings (default .)
  --workspace NAME        the Terraform workspace named in the review (default: TF_WORKSPACE or "default")
  -h, --help              show this help

Exit codes: 0 done; 1 an error (one line on stderr); 2 review found findings at or above --fail-on.`;

class UsageError extends Error {}

interface CliOptions {
  command: 'summarize' | 'review' | 'unmanaged' | 'import';
  types: readonly string[];
  plan: string;
  format: 'markdown' | 'json' | 'sarif';
  failOn: BlockOn;
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
      'fail-on': { type: 'string', default: 'high' },
      out: { type: 'string' },
      directory: { type: 'string', default: '.' },
      workspace: { type: 'string' },
      policy: { type: 'string' },
      types: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const [command, plan, ...extra] = positionals;
  if (command !== 'summarize' && command !== 'review' && command !== 'unmanaged' && command !== 'import')
    throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  const types = (values.types ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  if (command === 'import' && types.length === 0)
    throw new UsageError('import needs --types, e.g. okta_group,okta_group_rule');
  if (!plan && command !== 'import')
    throw new UsageError(
      `missing ${command === 'unmanaged' ? 'STATE_OR_PLAN_JSON' : 'PLAN_JSON'} (a file, or - for stdin)`,
    );
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const formats = command === 'review' ? ['markdown', 'json', 'sarif'] : ['markdown', 'json'];
  if (!formats.includes(values.format)) {
    throw new UsageError(`--format must be ${formats.join(' or ')}, not "${values.format}"`);
  }
  const failOn = values['fail-on'];
  if (!([...SEVERITIES, 'none'] as string[]).includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${[...SEVERITIES, 'none'].join(', ')}, not "${failOn}"`);
  }
  return {
    command,
    plan: plan ?? '',
    types,
    format: values.format as CliOptions['format'],
    failOn: failOn as BlockOn,
    out: values.out ?? null,
    directory: values.directory,
    workspace: values.workspace ?? (process.env.TF_WORKSPACE || 'default'),
    policy: values.policy
      ? readPolicy(values.policy, values.policy, { required: true })
      : readPolicy(DEFAULT_POLICY_FILE, DEFAULT_POLICY_FILE, { required: false }),
  };
}

async function emit(options: CliOptions, text: string): Promise<void> {
  if (options.out) await writeFile(options.out, text);
  else process.stdout.write(text);
}

function markdown(summary: PlanSummary, options: CliOptions): string {
  return renderReview(summary, {
    directory: options.directory,
    workspace: options.workspace,
    moreAt: 'the JSON summary (`okta-tf summarize PLAN --format json`)',
    budget: COMMENT_BUDGET,
  }).markdown;
}

/** Runs a command; returns its exit code. */
async function run(options: CliOptions): Promise<number> {
  if (options.command === 'import') {
    const result = await importObjects({
      directory: options.directory,
      types: options.types,
      ...(options.plan ? { state: options.plan } : {}),
    });
    await emit(
      options,
      options.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : importMarkdown(result),
    );
    return 0;
  }
  if (options.command === 'unmanaged') {
    const format = options.format === 'json' ? 'json' : 'markdown';
    await emit(options, await unmanagedReport(options.plan, { format, directory: options.directory }));
    return 0;
  }
  const summary = await summarizePlan(await openPlan(options.plan), {
    env: process.env,
    policy: options.policy,
  });
  if (options.command === 'summarize') {
    if (options.format === 'markdown') await emit(options, markdown(summary, options));
    else if (options.out) await writeSummaryJson(options.out, summary);
    else await printSummaryJson(summary);
    return 0;
  }
  const { findings } = summary;
  if (options.format === 'markdown') await emit(options, markdown(summary, options));
  else if (options.format === 'json')
    await emit(
      options,
      `${JSON.stringify({ findings, highestSeverity: highestSeverity(findings), reviewPolicy: summary.reviewPolicy }, null, 2)}\n`,
    );
  else {
    const configuration = await readModuleConfiguration(options.directory);
    const where = { directory: options.directory, repository: process.cwd() };
    await emit(options, `${JSON.stringify(sarifLog(findings, configuration, where, VERSION), null, 2)}\n`);
  }
  const { failOn } = options;
  const failing = failOn !== 'none' && findings.some((f) => severityRank(f.severity) <= severityRank(failOn));
  if (failing) process.stderr.write(`okta-tf: findings at or above ${failOn} (--fail-on)\n`);
  return failing ? 2 : 0;
}

/** Runs the CLI; returns the exit code. Errors are one line on stderr, never a stack trace. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const options = parse(argv);
    if (options === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    return await run(options);
  } catch (e) {
    const usage =
      e instanceof UsageError ||
      (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'));
    const prefix = e instanceof ActionError || usage ? '' : 'unexpected error (please report it): ';
    process.stderr.write(`okta-tf: ${prefix}${errorMessage(e)}${usage ? ' (see okta-tf --help)' : ''}\n`);
    return 1;
  }
}

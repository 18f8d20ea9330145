// Runs terraform (or tofu): init, workspace, validate, plan, show -json and apply, each in its own log group, with
// -input=false, exit codes mapped, and failures classified from the output (failures.ts).

import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ActionError } from '../errors.js';
import type { Log } from '../runtime.js';
import { ApplyLog, type ApplyReport } from './apply-log.js';
import { runChild, type ChildExit, type ChildOptions } from './child.js';
import { OutputTail, SavedOutput, timed, withoutWorkflowCommands } from './command-log.js';
import { classifyFailure, type Phase } from './failures.js';

/**
 * How long `state push` and `state pull` may take, lock included: Terraform's http backend has no request timeout
 * of its own, so a backend that accepts connections and never answers would hold them for ever.
 */
export const STATE_COMMAND_MS = 60_000;

export interface RunnerOptions {
  readonly binary: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly lockTimeout: string;
  readonly log: Log;
  /** Fires when the job is cancelled: the running command gets SIGINT (child.ts). */
  readonly cancel?: AbortSignal | undefined;
}

export interface PlanOptions {
  readonly planFile: string;
  readonly varFiles: readonly string[];
  readonly targets: readonly string[];
  readonly parallelism?: number;
  readonly refresh: boolean;
  /**
   * Where the plan's text goes instead of the log (owner-only): it can hold secrets okta/okta does not mark, which
   * are only known, and masked, once the plan's JSON is read. printSaved() puts it in the log then.
   */
  readonly outputFile: string;
  /** Where Terraform writes the configuration of the objects import blocks bring in (-generate-config-out). */
  readonly generateConfigOut?: string;
}

export class TerraformRunner {
  constructor(private readonly options: RunnerOptions) {}

  /**
   * Runs one command, its output (after its command line, as the runner's exec prints it) going to `out` (the log
   * unless given) and into `tail`; its exit code. Killed by a signal counts as failed.
   */
  private async execute(args: string[], tail: OutputTail, out?: Writable, limitMs?: number): Promise<number> {
    const { log } = this.options;
    const target = out ?? log.commandOutput;
    return withoutWorkflowCommands(log, async () => {
      target.write(`[command]${this.options.binary} ${args.join(' ')}\n`);
      // A deferred command's stderr is held back with its stdout: Terraform prints errors with values in them.
      const write = (chunk: Buffer): void => {
        tail.add(chunk);
        target.write(chunk);
      };
      const exit = await runChild(this.child(args, undefined, limitMs), {
        lines: false,
        stdout: write,
        stderr: write,
      });
      return exit.code ?? 1;
    });
  }

  /** The process for `args`; stopped (SIGINT) on cancellation, and after `limitMs` when given. */
  private child(args: readonly string[], onCancel?: () => void, limitMs?: number): ChildOptions {
    const { binary, cwd, env } = this.options;
    const stops = [this.options.cancel, limitMs ? AbortSignal.timeout(limitMs) : undefined];
    const cancel = AbortSignal.any(stops.filter((s): s is AbortSignal => s !== undefined));
    const kill = limitMs ? { killAfterMs: Math.min(5_000, limitMs) } : {};
    return { binary, args, cwd, env, cancel, ...(onCancel ? { onCancel } : {}), ...kill };
  }

  private async run(
    phase: Phase,
    args: string[],
    okCodes: readonly number[] = [0],
    outputFile?: string,
    limitMs?: number,
  ): Promise<number> {
    const tail = new OutputTail();
    const title = `terraform ${args.filter((a) => !a.startsWith('-')).join(' ')}`;
    const { log } = this.options;
    const code = await timed(log, title, () =>
      log.group(title, async () => {
        if (!outputFile) return this.execute(args, tail, undefined, limitMs);
        const file = new SavedOutput(outputFile);
        try {
          return await this.execute(args, tail, file.stream);
        } finally {
          // A write the disk refused (RUNNER_TEMP full) is this command's failure, never a crash of the step.
          await file.close(`the output of ${title}`);
        }
      }),
    );
    if (!okCodes.includes(code)) {
      // A failed plan has no JSON to learn secrets from: its text goes to the log now, masked as far as known.
      if (outputFile) await this.printSaved(outputFile, `${title} (output)`);
      if (this.options.cancel?.aborted) {
        throw new ActionError(
          'cancelled',
          `the job was cancelled during ${title}; Terraform was stopped with SIGINT and released the state lock`,
        );
      }
      throw classifyFailure(phase, tail.toString(), this.options.lockTimeout);
    }
    return code;
  }

  /** Puts a command's saved output in the log, in a group of its own. */
  async printSaved(outputFile: string, title: string): Promise<void> {
    const { log } = this.options;
    await log.group(title, () =>
      withoutWorkflowCommands(log, () =>
        pipeline(createReadStream(outputFile), log.commandOutput, { end: false }),
      ),
    );
  }

  async init(backendConfigFiles: readonly string[]): Promise<void> {
    await this.run('init', [
      'init',
      '-input=false',
      '-no-color',
      `-lock-timeout=${this.options.lockTimeout}`,
      ...backendConfigFiles.map((f) => `-backend-config=${f}`),
    ]);
  }

  /** Selects the workspace, creating it the first time (works on every version, unlike `select -or-create`). */
  async selectWorkspace(name: string): Promise<void> {
    const tail = new OutputTail();
    const selected = await this.execute(['workspace', 'select', '-no-color', name], tail);
    if (selected === 0) return;
    if (!/doesn't exist|does not exist/i.test(tail.toString())) {
      throw classifyFailure('workspace', tail.toString(), this.options.lockTimeout);
    }
    await this.run('workspace', [
      'workspace',
      'new',
      '-no-color',
      `-lock-timeout=${this.options.lockTimeout}`,
      name,
    ]);
  }

  async validate(): Promise<void> {
    await this.run('validate', ['validate', '-no-color']);
  }

  /** Plans into `planFile`; true when the plan has changes (exit code 2 of -detailed-exitcode). */
  async plan(options: PlanOptions): Promise<boolean> {
    const code = await this.run(
      'plan',
      [
        'plan',
        '-input=false',
        '-no-color',
        '-detailed-exitcode',
        `-lock-timeout=${this.options.lockTimeout}`,
        `-out=${options.planFile}`,
        ...(options.refresh ? [] : ['-refresh=false']),
        ...(options.parallelism ? [`-parallelism=${options.parallelism}`] : []),
        ...options.varFiles.map((f) => `-var-file=${f}`),
        ...options.targets.map((t) => `-target=${t}`),
        ...(options.generateConfigOut ? [`-generate-config-out=${options.generateConfigOut}`] : []),
      ],
      [0, 2],
      options.outputFile,
    );
    return code === 2;
  }

  /**
   * `show -json PLANFILE` as a stream of chunks for the summarizer: a big org's plan is never held in one string.
   * Without a plan file, the state's. Its stdout is not echoed: plan JSON holds sensitive values in the clear.
   */
  async *showJson(planFile?: string): AsyncGenerator<Buffer> {
    const args = ['show', '-json', '-no-color', ...(planFile ? [planFile] : [])];
    const child = spawn(this.options.binary, args, {
      cwd: this.options.cwd,
      env: { ...this.options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stderr = new OutputTail();
    child.stderr.on('data', (data: Buffer) => stderr.add(data));
    const exited = new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve(code ?? 1));
    });
    const started = performance.now();
    try {
      for await (const chunk of child.stdout) yield chunk as Buffer;
    } finally {
      if (child.exitCode === null) child.kill();
      this.options.log.info(
        `terraform show -json: ${((performance.now() - started) / 1000).toFixed(1)} s (read as it streamed)`,
      );
    }
    const code = await exited;
    if (code !== 0) throw classifyFailure('show', stderr.toString(), this.options.lockTimeout);
  }

  /**
   * Applies the saved plan with -json, so what was applied and what failed is known even when it fails part-way.
   * Never throws for a failed apply: the report comes back with the classified failure. When `cancel` fires (the
   * runner cancels the job), Terraform gets SIGINT and is waited for: it finishes what is in flight, saves the
   * state and releases the lock; killing it instead would lose both.
   */
  async apply(planFile: string, parallelism?: number): Promise<ApplyOutcome> {
    const { log } = this.options;
    const applyLog = new ApplyLog((line) => log.info(line));
    const stderr = new OutputTail();
    const args = [
      'apply',
      '-input=false',
      '-no-color',
      '-json',
      `-lock-timeout=${this.options.lockTimeout}`,
      ...(parallelism ? [`-parallelism=${parallelism}`] : []),
      planFile,
    ];
    let interrupted = false;
    const onCancel = (): void => {
      interrupted = true;
      log.warning(
        'The job was cancelled: Terraform was asked to stop (SIGINT) and is waited for, so it saves the state and releases the lock.',
      );
    };
    const exit = await timed(log, 'terraform apply', () =>
      log.group('terraform apply', () =>
        withoutWorkflowCommands(log, () =>
          runChild(this.child(args, onCancel), {
            lines: true,
            stdout: (line) => applyLog.line(line),
            stderr: (line) => {
              stderr.add(`${line}\n`);
              log.info(line);
            },
          }),
        ),
      ),
    );
    const report = applyLog.report();
    if (exit.code === 0 && !interrupted) return { report };
    return { report, failure: this.applyFailure(exit, interrupted, report, stderr) };
  }

  private applyFailure(
    exit: ChildExit,
    interrupted: boolean,
    report: ApplyReport,
    stderr: OutputTail,
  ): ActionError {
    if (interrupted) {
      return new ActionError(
        'cancelled',
        'the job was cancelled during terraform apply; Terraform was stopped with SIGINT and saved what it had applied',
      );
    }
    if (exit.code === null) {
      // Killed (SIGKILL, out of memory): no exit code, so nothing it said about success can be believed.
      return new ActionError(
        'apply-failed',
        `terraform apply was killed by ${exit.signal ?? 'a signal'} before it finished: what it applied is known only from the state the backend holds`,
      );
    }
    return classifyFailure('apply', `${report.diagnostics}\n${stderr.toString()}`, this.options.lockTimeout);
  }

  /** `terraform state push FILE`: the state Terraform could not save (errored.tfstate), to the backend. */
  /** `terraform fmt` of these files (written by the action, so a failure is the plan's). */
  async format(files: readonly string[]): Promise<void> {
    await this.run('plan', ['fmt', '-no-color', ...files]);
  }

  async statePush(file: string, limitMs = STATE_COMMAND_MS): Promise<void> {
    const args = ['state', 'push', `-lock-timeout=${this.options.lockTimeout}`, file];
    await this.run('state', args, [0], undefined, limitMs);
  }

  /** `terraform state pull`: the state the backend holds now, as JSON (never logged: it holds secrets). */
  async statePull(): Promise<string> {
    let text = '';
    const stderr = new OutputTail();
    const exit = await runChild(this.child(['state', 'pull'], undefined, STATE_COMMAND_MS), {
      lines: true,
      stdout: (line) => {
        text += `${line}\n`;
      },
      stderr: (line) => stderr.add(`${line}\n`),
    });
    if (exit.code !== 0) throw classifyFailure('state', stderr.toString(), this.options.lockTimeout);
    return text;
  }
}

export interface ApplyOutcome {
  readonly report: ApplyReport;
  /** Its reason is `cancelled` when Terraform was stopped because the job was cancelled. */
  readonly failure?: ActionError;
}

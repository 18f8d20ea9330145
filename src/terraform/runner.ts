// Runs terraform (or tofu): init, workspace, validate, plan, show -json and apply, each in its own log group, with
// -input=false, exit codes mapped, and failures classified from the output (failures.ts).

import * as exec from '@actions/exec';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ActionError } from '../errors.js';
import type { Log } from '../runtime.js';
import { ApplyLog, type ApplyReport } from './apply-log.js';
import { classifyFailure, type Phase } from './failures.js';

/** Keeps the tail of a command's output for classifying failures, without holding a huge log in memory. */
class OutputTail {
  private text = '';
  constructor(private readonly limit = 512 * 1024) {}
  add(chunk: Buffer): void {
    this.text += chunk.toString('utf8');
    if (this.text.length > this.limit * 2) this.text = this.text.slice(-this.limit);
  }
  toString(): string {
    return this.text;
  }
}

/**
 * Terraform prints values from the configuration and from Okta (names, descriptions...). A line there starting
 * with "::" would be a workflow command to the runner (::add-mask::, ::error::...), so commands are off meanwhile.
 */
async function withoutWorkflowCommands<T>(log: Log, run: () => Promise<T>): Promise<T> {
  const token = randomUUID();
  log.info(`::stop-commands::${token}`);
  try {
    return await run();
  } finally {
    log.info(`::${token}::`);
  }
}

/** Says how long a Terraform command took: most of a run's time is Terraform and Okta's API, and that shows it. */
async function timed<T>(log: Log, title: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    log.info(`${title}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

export interface RunnerOptions {
  readonly binary: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly lockTimeout: string;
  readonly log: Log;
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
}

export class TerraformRunner {
  constructor(private readonly options: RunnerOptions) {}

  /** Runs one command, its output (and its command line) going to `out` (the log) and into `tail`; its exit code. */
  private execute(args: string[], tail: OutputTail, out?: Writable): Promise<number> {
    const { log } = this.options;
    return withoutWorkflowCommands(log, () =>
      exec.exec(this.options.binary, args, {
        cwd: this.options.cwd,
        env: { ...this.options.env },
        ignoreReturnCode: true,
        outStream: out ?? log.commandOutput,
        // A deferred command's stderr is held back with its stdout: Terraform prints errors with values in them.
        ...(out ? { errStream: out } : {}),
        listeners: { stdout: (data) => tail.add(data), stderr: (data) => tail.add(data) },
      }),
    );
  }

  private async run(
    phase: Phase,
    args: string[],
    okCodes: readonly number[] = [0],
    outputFile?: string,
  ): Promise<number> {
    const tail = new OutputTail();
    const title = `terraform ${args.filter((a) => !a.startsWith('-')).join(' ')}`;
    const { log } = this.options;
    const code = await timed(log, title, () =>
      log.group(title, async () => {
        if (!outputFile) return this.execute(args, tail);
        const file = createWriteStream(outputFile, { mode: 0o600 });
        try {
          return await this.execute(args, tail, file);
        } finally {
          await new Promise<void>((resolve) => file.end(resolve));
        }
      }),
    );
    if (!okCodes.includes(code)) {
      // A failed plan has no JSON to learn secrets from: its text goes to the log now, masked as far as known.
      if (outputFile) await this.printSaved(outputFile, `${title} (output)`);
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
      ],
      [0, 2],
      options.outputFile,
    );
    return code === 2;
  }

  /**
   * `show -json PLANFILE` as a stream of chunks for the summarizer: a big org's plan is never held in one string.
   * Its stdout is not echoed: plan JSON holds sensitive values in the clear.
   */
  async *showJson(planFile: string): AsyncGenerator<Buffer> {
    const child = spawn(this.options.binary, ['show', '-json', '-no-color', planFile], {
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
   * Never throws for a failed apply: the report comes back with the classified failure.
   */
  async apply(
    planFile: string,
    parallelism?: number,
  ): Promise<{ report: ApplyReport; failure?: ActionError }> {
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
    const code = await timed(log, 'terraform apply', () =>
      log.group('terraform apply', () =>
        withoutWorkflowCommands(log, () =>
          exec.exec(this.options.binary, args, {
            cwd: this.options.cwd,
            env: { ...this.options.env },
            ignoreReturnCode: true,
            // The JSON lines are read, and their messages printed, by ApplyLog.
            silent: true,
            listeners: {
              stdline: (line) => applyLog.line(line),
              errline: (line) => {
                stderr.add(Buffer.from(`${line}\n`));
                log.info(line);
              },
            },
          }),
        ),
      ),
    );
    const report = applyLog.report();
    if (code === 0) return { report };
    return {
      report,
      failure: classifyFailure(
        'apply',
        `${report.diagnostics}\n${stderr.toString()}`,
        this.options.lockTimeout,
      ),
    };
  }
}

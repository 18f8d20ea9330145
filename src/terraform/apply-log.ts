// Reads `terraform apply -json` as it runs: prints its human-readable messages to the log, and keeps what was
// applied, what failed, the diagnostics and Terraform's own counts, so a failure part-way loses nothing.

export interface AppliedObject {
  readonly address: string;
  readonly action: string;
}

export interface ApplyReport {
  readonly applied: AppliedObject[];
  readonly failed: AppliedObject[];
  /** Started but neither completed nor errored (e.g. the run was cancelled). */
  readonly unfinished: AppliedObject[];
  /**
   * Terraform said applied, but the state the backend holds does not have it so (the state was not saved, or could
   * not be read back): the object changed in Okta and Terraform does not know it.
   */
  readonly unconfirmed: AppliedObject[];
  /** Terraform's change_summary: what it actually did. */
  readonly counts: { add: number; change: number; remove: number; import: number } | undefined;
  /** "Error: summary" then the detail, for classifying the failure. */
  readonly diagnostics: string;
}

interface HookMessage {
  type?: string;
  '@message'?: string;
  hook?: { resource?: { addr?: string }; action?: string };
  diagnostic?: { severity?: string; summary?: string; detail?: string };
  changes?: { add?: number; change?: number; remove?: number; import?: number };
}

export class ApplyLog {
  private readonly applied: AppliedObject[] = [];
  private readonly failed: AppliedObject[] = [];
  private readonly started = new Map<string, string>();
  private counts: ApplyReport['counts'];
  private diagnostics = '';

  constructor(private readonly print: (line: string) => void) {}

  /** One line of stdout. Lines that are not JSON (a crash, a wrapper) are printed as they are. */
  line(text: string): void {
    let message: HookMessage;
    try {
      message = JSON.parse(text) as HookMessage;
    } catch {
      if (text.trim()) this.print(text);
      return;
    }
    const address = message.hook?.resource?.addr;
    const action = message.hook?.action ?? '';
    switch (message.type) {
      case 'apply_start':
        if (address) this.started.set(address, action);
        break;
      case 'apply_complete':
        if (address) this.finish(address, action, this.applied);
        break;
      case 'apply_errored':
        if (address) this.finish(address, action, this.failed);
        break;
      case 'change_summary':
        this.counts = {
          add: message.changes?.add ?? 0,
          change: message.changes?.change ?? 0,
          remove: message.changes?.remove ?? 0,
          import: message.changes?.import ?? 0,
        };
        break;
      case 'diagnostic': {
        const d = message.diagnostic;
        const level = d?.severity === 'error' ? 'Error' : 'Warning';
        this.diagnostics += `${level}: ${d?.summary ?? ''}\n\n${d?.detail ?? ''}\n\n`;
        this.print(`${level}: ${d?.summary ?? ''}${d?.detail ? `\n${d.detail}` : ''}`);
        return;
      }
    }
    if (message['@message']) this.print(message['@message']);
  }

  private finish(address: string, action: string, into: AppliedObject[]): void {
    into.push({ address, action: this.started.get(address) ?? action });
    this.started.delete(address);
  }

  report(): ApplyReport {
    return {
      applied: [...this.applied],
      failed: [...this.failed],
      unfinished: [...this.started].map(([address, action]) => ({ address, action })),
      unconfirmed: [],
      counts: this.counts,
      diagnostics: this.diagnostics,
    };
  }
}

/**
 * The report as the saved state has it: an object Terraform said it applied counts as applied only when the state
 * the backend holds agrees (a delete gone from it, anything else in it). `instances` undefined: the state could not
 * be read back, so nothing is confirmed.
 */
export function confirmedByState(
  report: ApplyReport,
  instances: ReadonlyMap<string, string> | undefined,
): ApplyReport {
  // A replace is a delete and a create at one address: the object is there afterwards.
  const created = new Set(report.applied.filter((o) => o.action !== 'delete').map((o) => o.address));
  const gone = (o: AppliedObject): boolean => o.action === 'delete' && !created.has(o.address);
  const saved = (o: AppliedObject): boolean =>
    instances !== undefined && gone(o) !== instances.has(o.address);
  return {
    ...report,
    applied: report.applied.filter(saved),
    unconfirmed: [...report.unconfirmed, ...report.applied.filter((o) => !saved(o))],
  };
}

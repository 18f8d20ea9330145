// The parts of a plan a visitor is handed: resource changes and prior-state resources, read through a one-pass
// index of their bytes and parsed only when asked for, because most entries of a plan are no-ops, read for counts.

import { ObjectIndex } from './json-scan.js';

export interface ChangeValues {
  readonly before: unknown;
  readonly after: unknown;
  readonly afterUnknown: unknown;
  readonly beforeSensitive: unknown;
  readonly afterSensitive: unknown;
  readonly replacePaths: unknown;
}

/** One entry of resource_changes or resource_drift. `values()` parses the large parts, only when called. */
export interface ResourceChangeEvent {
  readonly address: string;
  readonly previousAddress: string | null;
  readonly mode: string;
  readonly type: string;
  readonly deposed: string | null;
  readonly actions: readonly string[];
  readonly actionReason: string | null;
  readonly importing: boolean;
  /** Valid only during the visitor call. */
  values(): ChangeValues;
}

/** A resource of prior_state (the state the plan started from, refreshed). */
export interface PriorResourceEvent {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  /** Parses one attribute of `values` (one of the visitor's priorAttributes, or id). Valid only during the call. */
  value(attribute: string): unknown;
}

/** A resource block of the configuration, with its address as it would appear in the root module. */
export interface ConfigResource {
  readonly address: string;
  readonly modulePath: string;
  readonly mode: string;
  readonly type: string;
  readonly expressions: Record<string, unknown>;
}

export function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

const NO_OP = Buffer.from('["no-op"]');
const MANAGED = Buffer.from('"managed"');
const NO_OP_ACTIONS: readonly string[] = Object.freeze(['no-op']);

export function changeIndex(): ObjectIndex {
  return new ObjectIndex(['address', 'previous_address', 'mode', 'type', 'deposed', 'action_reason'], {
    change: [
      'actions',
      'importing',
      'before',
      'after',
      'after_unknown',
      'before_sensitive',
      'after_sensitive',
      'replace_paths',
    ],
  });
}

/**
 * A resource change read through its index: fields are parsed when first asked for, because most entries of a
 * plan are no-ops that only need counting.
 */
export class IndexedChange implements ResourceChangeEvent {
  readonly actions: readonly string[];
  readonly mode: string;
  private static readonly slots = ((index) => ({
    address: index.slot('address'),
    previousAddress: index.slot('previous_address'),
    mode: index.slot('mode'),
    type: index.slot('type'),
    deposed: index.slot('deposed'),
    actionReason: index.slot('action_reason'),
    actions: index.slot('change.actions'),
    importing: index.slot('change.importing'),
    before: index.slot('change.before'),
    after: index.slot('change.after'),
    afterUnknown: index.slot('change.after_unknown'),
    beforeSensitive: index.slot('change.before_sensitive'),
    afterSensitive: index.slot('change.after_sensitive'),
    replacePaths: index.slot('change.replace_paths'),
  }))(changeIndex());

  constructor(
    private readonly buf: Buffer,
    private readonly fields: ObjectIndex,
  ) {
    const slots = IndexedChange.slots;
    this.actions = fields.equals(buf, slots.actions, NO_OP)
      ? NO_OP_ACTIONS
      : stringList(fields.parse(buf, slots.actions));
    this.mode = fields.equals(buf, slots.mode, MANAGED)
      ? 'managed'
      : (str(fields.parse(buf, slots.mode)) ?? 'managed');
  }

  private text(slot: number): string | null {
    return str(this.fields.parse(this.buf, slot));
  }

  get address(): string {
    return this.text(IndexedChange.slots.address) ?? '';
  }
  get previousAddress(): string | null {
    const slot = IndexedChange.slots.previousAddress;
    return this.fields.has(slot) ? this.text(slot) : null;
  }
  get type(): string {
    return this.text(IndexedChange.slots.type) ?? '';
  }
  get deposed(): string | null {
    return this.text(IndexedChange.slots.deposed);
  }
  get actionReason(): string | null {
    return this.text(IndexedChange.slots.actionReason);
  }
  get importing(): boolean {
    const slot = IndexedChange.slots.importing;
    return this.fields.has(slot) && this.fields.parse(this.buf, slot) !== null;
  }
  values(): ChangeValues {
    const { before, after, afterUnknown, beforeSensitive, afterSensitive, replacePaths } =
      IndexedChange.slots;
    const parse = (slot: number): unknown => this.fields.parse(this.buf, slot);
    return {
      before: parse(before),
      after: parse(after),
      afterUnknown: parse(afterUnknown),
      beforeSensitive: parse(beforeSensitive),
      afterSensitive: parse(afterSensitive),
      replacePaths: parse(replacePaths),
    };
  }
}

/** A prior-state resource read through its index; only `id` and the visitor's attributes were located. */
export class IndexedPriorResource implements PriorResourceEvent {
  constructor(
    private readonly buf: Buffer,
    private readonly fields: ObjectIndex,
  ) {}

  private text(name: string): string | null {
    return str(this.fields.parse(this.buf, this.fields.slot(name)));
  }
  get address(): string {
    return this.text('address') ?? '';
  }
  get mode(): string {
    return this.text('mode') ?? 'managed';
  }
  get type(): string {
    return this.text('type') ?? '';
  }
  value(attribute: string): unknown {
    return this.fields.parse(this.buf, this.fields.slot(`values.${attribute}`));
  }
}

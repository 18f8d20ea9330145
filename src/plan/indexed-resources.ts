// The parts of a plan a visitor is handed: resource changes and prior-state resources, read through a one-pass
// index of their bytes and parsed only when asked for, because most entries of a plan are no-ops, read for counts.

import { Byte, decodeString } from './json-scan.js';
import { ObjectIndex, type EnoughSlots, type NestedReading } from './object-index.js';

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
  /** `change.importing` as given (`{ id }`, or `{ identity }` from Terraform 1.12), null when not importing. */
  readonly importTarget: unknown;
  /** Whether the entry is of `type`, compared without decoding (most entries are no-ops that need no string). */
  isType(type: string): boolean;
  /** Valid only during the visitor call. */
  values(): ChangeValues;
}

/** A resource of prior_state (the state the plan started from, refreshed). */
export interface PriorResourceEvent {
  readonly address: string;
  readonly type: string;
  /** Parses one attribute of `values` (one of the visitor's priorAttributes, or id). Valid only during the call. */
  value(attribute: string): unknown;
}

/** A resource block of the configuration, with its address as it would appear in the root module. */
export interface ConfigResource {
  readonly address: string;
  readonly modulePath: string;
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
const QUOTED_TYPES = new Map<string, Buffer>();

/** Where the fields of resource_changes entries are: one index, reused for every entry, with its slots. */
export class ChangeIndex {
  readonly index = new ObjectIndex(
    ['address', 'previous_address', 'mode', 'type', 'deposed', 'action_reason'],
    {
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
    },
  );
  readonly slots = {
    address: this.index.slot('address'),
    previousAddress: this.index.slot('previous_address'),
    mode: this.index.slot('mode'),
    type: this.index.slot('type'),
    deposed: this.index.slot('deposed'),
    actionReason: this.index.slot('action_reason'),
    actions: this.index.slot('change.actions'),
    importing: this.index.slot('change.importing'),
    before: this.index.slot('change.before'),
    after: this.index.slot('change.after'),
    afterUnknown: this.index.slot('change.after_unknown'),
    beforeSensitive: this.index.slot('change.before_sensitive'),
    afterSensitive: this.index.slot('change.after_sensitive'),
    replacePaths: this.index.slot('change.replace_paths'),
  };
}

/**
 * A resource change read through its index: fields are parsed when first asked for, because most entries of a
 * plan are no-ops that only need counting.
 */
export class IndexedChange implements ResourceChangeEvent {
  readonly actions: readonly string[];
  readonly mode: string;

  constructor(
    private readonly buf: Buffer,
    private readonly fields: ChangeIndex,
  ) {
    const { index, slots } = fields;
    this.actions = index.equals(buf, slots.actions, NO_OP)
      ? NO_OP_ACTIONS
      : stringList(index.parse(buf, slots.actions));
    this.mode = index.equals(buf, slots.mode, MANAGED)
      ? 'managed'
      : (index.string(buf, slots.mode) ?? 'managed');
  }

  private parse(slot: number): unknown {
    return this.fields.index.parse(this.buf, slot);
  }

  /** A string field, decoded without JSON.parse (every change has an address and a type). */
  private string(slot: number): string | null {
    return this.fields.index.string(this.buf, slot);
  }

  get address(): string {
    return this.string(this.fields.slots.address) ?? '';
  }
  get previousAddress(): string | null {
    const slot = this.fields.slots.previousAddress;
    return this.fields.index.has(slot) ? this.string(slot) : null;
  }
  get type(): string {
    return this.string(this.fields.slots.type) ?? '';
  }
  isType(type: string): boolean {
    // Terraform's type names are identifiers: their JSON has no escapes, so the bytes compare.
    let quoted = QUOTED_TYPES.get(type);
    if (!quoted) QUOTED_TYPES.set(type, (quoted = Buffer.from(JSON.stringify(type))));
    return this.fields.index.equals(this.buf, this.fields.slots.type, quoted);
  }
  get deposed(): string | null {
    return this.string(this.fields.slots.deposed);
  }
  get actionReason(): string | null {
    return this.string(this.fields.slots.actionReason);
  }
  get importing(): boolean {
    return this.importTarget !== null;
  }
  get importTarget(): unknown {
    const slot = this.fields.slots.importing;
    return this.fields.index.has(slot) ? this.parse(slot) : null;
  }
  values(): ChangeValues {
    const { before, after, afterUnknown, beforeSensitive, afterSensitive, replacePaths } = this.fields.slots;
    return {
      before: this.parse(before),
      after: this.parse(after),
      afterUnknown: this.parse(afterUnknown),
      beforeSensitive: this.parse(beforeSensitive),
      afterSensitive: this.parse(afterSensitive),
      replacePaths: this.parse(replacePaths),
    };
  }
}

/** Where the fields of prior_state resources are: address, type, and `id` plus the given attributes of `values`. */
export class PriorIndex {
  readonly index: ObjectIndex;
  readonly address: number;
  readonly type: number;
  readonly values: number;
  readonly id: number;

  /** The reading each answer of `attributesFor` stands for. */
  private readonly readingFor = new WeakMap<readonly string[], NestedReading>();

  /**
   * `attributesFor(type)`: what an object of that type needs read of its values; `wantsId(id)`: whether it is needed
   * at all (see PlanVisitor). The rest of its values is skipped.
   */
  constructor(
    attributes: Iterable<string>,
    attributesFor?: (type: string) => readonly string[],
    wantsId?: (id: string) => boolean,
  ) {
    const wanted = new Set(['id', ...attributes]);
    // An object whose id nobody wants is read no further than its id.
    const keep = (buf: Buffer, start: number, end: number): boolean =>
      !wantsId || (buf[start] === Byte.QUOTE && wantsId(decodeString(buf, start, end)));
    const enough: EnoughSlots | null = attributesFor
      ? (index, buf, outer) => {
          // Terraform writes `type` before `values`: without it, every value is read.
          if (outer !== this.values || !index.has(this.type)) return null;
          const type = index.string(buf, this.type);
          if (type === null) return null;
          const needed = attributesFor(type);
          let reading = this.readingFor.get(needed);
          if (!reading) {
            const slots = needed.filter((a) => wanted.has(a)).map((a) => index.slot(`values.${a}`));
            reading = wantsId ? { slots, gate: { slot: this.id, keep } } : { slots };
            this.readingFor.set(needed, reading);
          }
          return reading;
        }
      : null;
    this.index = new ObjectIndex(['address', 'type'], { values: [...wanted] }, enough);
    this.address = this.index.slot('address');
    this.type = this.index.slot('type');
    this.values = this.index.slot('values');
    this.id = this.index.slot('values.id');
  }
}

/** A prior-state resource read through its index. */
export class IndexedPriorResource implements PriorResourceEvent {
  constructor(
    private readonly buf: Buffer,
    private readonly fields: PriorIndex,
  ) {}

  get address(): string {
    return this.fields.index.string(this.buf, this.fields.address) ?? '';
  }
  get type(): string {
    return this.fields.index.string(this.buf, this.fields.type) ?? '';
  }
  value(attribute: string): unknown {
    const { index, id } = this.fields;
    // Every prior object's id is asked for: a string is decoded without JSON.parse.
    if (attribute === 'id') return index.string(this.buf, id) ?? index.parse(this.buf, id);
    return index.parse(this.buf, index.slot(`values.${attribute}`));
  }
}

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
  /**
   * Which of `types` the entry is of, or null, compared without decoding (most entries are no-ops that need no
   * string): one length check answers most entries.
   */
  typeIn(types: TypeSet): string | null;
  /** Valid only during the visitor call. */
  values(): ChangeValues;
  /**
   * The values of a no-op, read once: Terraform writes the same object as before and after, so `after` alone is
   * read and stands for both (no unknowns, sensitivity or replace paths: nothing changes). With `attributes`, only
   * those members of it are parsed. Valid during the call.
   */
  unchangedValues(attributes?: readonly string[]): ChangeValues;
}

/** Resource types to tell an entry's type among, by the length of their JSON (Terraform's type names need no escapes). */
export class TypeSet {
  readonly byLength = new Map<number, { type: string; quoted: Buffer }[]>();
  constructor(types: Iterable<string>) {
    for (const type of types) this.add(type);
  }

  add(type: string): void {
    const quoted = Buffer.from(JSON.stringify(type));
    const same = this.byLength.get(quoted.length);
    if (same) same.push({ type, quoted });
    else this.byLength.set(quoted.length, [{ type, quoted }]);
  }
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
/** One index per list of members asked for (unchangedValues): lists are constants, so their identity is the key. */
const MEMBER_INDEXES = new WeakMap<readonly string[], ObjectIndex>();

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
  typeIn(types: TypeSet): string | null {
    const range = this.fields.index.range(this.fields.slots.type);
    const candidates = range && types.byLength.get(range.end - range.start);
    if (!candidates) return null;
    for (const { type, quoted } of candidates)
      if (this.fields.index.equals(this.buf, this.fields.slots.type, quoted)) return type;
    return null;
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
  unchangedValues(attributes?: readonly string[]): ChangeValues {
    const after = attributes ? this.members(attributes) : this.parse(this.fields.slots.after);
    return {
      before: after,
      after,
      afterUnknown: null,
      beforeSensitive: null,
      afterSensitive: null,
      replacePaths: null,
    };
  }
  /** Some members of `change.after`, found by an index of their own: the rest of the object is skipped, not parsed. */
  private members(attributes: readonly string[]): Record<string, unknown> | null {
    const range = this.fields.index.range(this.fields.slots.after);
    if (!range || this.buf[range.start] !== Byte.OPEN_BRACE) return null;
    let index = MEMBER_INDEXES.get(attributes);
    if (!index) MEMBER_INDEXES.set(attributes, (index = new ObjectIndex(attributes, {})));
    if (index.index(this.buf, range.start, range.end) < 0) return null;
    const object = Object.create(null) as Record<string, unknown>;
    for (const attribute of attributes) {
      const value = index.parse(this.buf, index.slot(attribute));
      if (value !== undefined) object[attribute] = value;
    }
    return object;
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

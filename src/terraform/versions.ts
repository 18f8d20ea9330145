// Terraform's version constraint language (hashicorp/go-version, as `required_version` uses it), over release
// version strings. Pure: the release lists come from releases.ts.

export interface Version {
  readonly text: string;
  readonly parts: readonly [number, number, number];
  /** Given segments (1 for "1", 3 for "1.2.3"): `~>` depends on it. */
  readonly segments: number;
  readonly prerelease: string;
}

const VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseVersion(text: string): Version | undefined {
  const match = VERSION.exec(text.trim());
  if (!match) return undefined;
  const [, major, minor, patch, prerelease] = match;
  return {
    text: text.trim().replace(/^v/, ''),
    parts: [Number(major), Number(minor ?? 0), Number(patch ?? 0)],
    segments: patch !== undefined ? 3 : minor !== undefined ? 2 : 1,
    prerelease: prerelease ?? '',
  };
}

function comparePrerelease(a: string, b: string): number {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i];
    const y = right[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xn = /^\d+$/.test(x) ? Number(x) : NaN;
    const yn = /^\d+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(xn) && !Number.isNaN(yn)) {
      if (xn !== yn) return xn - yn;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) {
    const diff = (a.parts[i] as number) - (b.parts[i] as number);
    if (diff !== 0) return diff;
  }
  return comparePrerelease(a.prerelease, b.prerelease);
}

type Operator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~>';

interface Constraint {
  readonly operator: Operator;
  readonly version: Version;
}

const CONSTRAINT = /^(=|!=|>=|<=|>|<|~>)?\s*(\S+)$/;

/** Parses "~> 1.9", ">= 1.5, < 2.0", "1.11.4". Undefined when it isn't a constraint. */
export function parseConstraints(text: string): Constraint[] | undefined {
  const constraints: Constraint[] = [];
  for (const piece of text.split(',')) {
    const match = CONSTRAINT.exec(piece.trim());
    const version = match && parseVersion(match[2] as string);
    if (!match || !version) return undefined;
    constraints.push({ operator: (match[1] ?? '=') as Operator, version });
  }
  return constraints.length > 0 ? constraints : undefined;
}

function satisfiesOne(version: Version, { operator, version: bound }: Constraint): boolean {
  const order = compareVersions(version, bound);
  switch (operator) {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '~>': {
      if (order < 0) return false;
      // "~> 1.9" allows 1.x from 1.9; "~> 1.9.2" allows 1.9.x from 1.9.2: all but the last given segment stay.
      const fixed = Math.max(bound.segments - 1, 1);
      return version.parts.slice(0, fixed).every((part, i) => part === bound.parts[i]);
    }
  }
}

/**
 * go-version's rule, which Terraform follows: a prerelease only matches constraints that name a prerelease of the
 * same major.minor.patch, so "~> 1.9" never picks 1.10.0-beta1.
 */
export function satisfies(version: Version, constraints: readonly Constraint[]): boolean {
  if (version.prerelease) {
    const named = constraints.some(
      (c) => c.version.prerelease && c.version.parts.every((part, i) => part === version.parts[i]),
    );
    if (!named) return false;
  }
  return constraints.every((c) => satisfiesOne(version, c));
}

/** The newest of `available` that meets every constraint set (latest stable when there are none). */
export function newestSatisfying(
  available: readonly string[],
  constraintSets: ReadonlyArray<readonly Constraint[]>,
): string | undefined {
  let best: Version | undefined;
  for (const text of available) {
    const version = parseVersion(text);
    if (!version) continue;
    if (
      constraintSets.length === 0
        ? version.prerelease !== ''
        : !constraintSets.every((c) => satisfies(version, c))
    )
      continue;
    if (!best || compareVersions(version, best) > 0) best = version;
  }
  return best?.text;
}

// Secrets never reach a comment, a log or an output. Three sources: values Terraform marks sensitive
// (before_sensitive / after_sensitive masks), secrets the okta/okta provider does not mark (catalog secretAttrs, plus
// attribute names that say "secret"), and literals written in provider blocks (`show -json` prints them as
// configuration.provider_config.*.expressions.*.constant_value). Every secret value seen is also scrubbed from the
// final text, wherever it turns up.

export type PathSegment = string | number;

export const REDACTED = '(sensitive)';
const SCRUBBED = '(redacted)';
/** Shorter values are masked where they appear but not scrubbed from all text: they would mangle ordinary words. */
const MIN_SCRUB_LENGTH = 4;

const SECRET_NAME = /(^|_)(password|secret|private_key|token|api_key|passphrase|shared_secret)$/i;
const PROVIDER_SECRET_KEY = /(token|secret|password|private_key|credential|passphrase)|(^|_)key$/i;

/** The part of a mask (after_unknown, *_sensitive: true, false, or a structure of them) that covers `segment`. */
export function maskChild(mask: unknown, segment: PathSegment): unknown {
  if (mask === true) return true;
  if (mask && typeof mask === 'object') return (mask as Record<PathSegment, unknown>)[segment];
  return undefined;
}

/** True when the catalog's secret paths (`auth.value`, `headers.*.value`) or the attribute's name say it is secret. */
export function isSecretPath(path: readonly PathSegment[], secretPaths: readonly string[]): boolean {
  const last = path[path.length - 1];
  if (typeof last === 'string' && SECRET_NAME.test(last)) return true;
  return secretPaths.some((pattern) => {
    const parts = pattern.split('.');
    return parts.length === path.length && parts.every((part, i) => part === '*' || part === String(path[i]));
  });
}

/** Collects secret values and removes them from text. */
export class SecretScrubber {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | null = null;

  /** Remembers every string inside `value` (a secret, or a structure holding only secrets). */
  add(value: unknown): void {
    if (typeof value === 'string') {
      if (value.length >= MIN_SCRUB_LENGTH && !this.secrets.has(value)) {
        this.secrets.add(value);
        const escaped = JSON.stringify(value).slice(1, -1);
        if (escaped !== value) this.secrets.add(escaped);
        this.pattern = null;
      }
    } else if (Array.isArray(value)) {
      for (const item of value) this.add(item);
    } else if (value && typeof value === 'object') {
      for (const item of Object.values(value)) this.add(item);
    }
  }

  /** Adds the secret-looking literals of provider blocks (configuration.provider_config). */
  addProviderLiterals(providerConfig: Record<string, unknown>): void {
    const visit = (expressions: unknown): void => {
      if (!expressions || typeof expressions !== 'object') return;
      for (const [key, expression] of Object.entries(expressions)) {
        if (Array.isArray(expression)) expression.forEach(visit);
        else if (expression && typeof expression === 'object') {
          const constant = (expression as Record<string, unknown>).constant_value;
          if (constant !== undefined && PROVIDER_SECRET_KEY.test(key)) this.add(constant);
          else visit(expression);
        }
      }
    };
    for (const provider of Object.values(providerConfig)) {
      if (provider && typeof provider === 'object') visit((provider as Record<string, unknown>).expressions);
    }
  }

  get size(): number {
    return this.secrets.size;
  }

  scrub(text: string): string {
    if (this.secrets.size === 0) return text;
    if (!this.pattern) {
      const alternatives = [...this.secrets]
        .sort((a, b) => b.length - a.length)
        .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      this.pattern = new RegExp(alternatives.join('|'), 'g');
    }
    return text.replace(this.pattern, SCRUBBED);
  }

  /** Scrubs every string inside `value`, in place (the summary is large and freshly built: no copy). */
  scrubInPlace(value: object): void {
    if (this.secrets.size === 0) return;
    const walk = (container: Record<string, unknown> | unknown[]): void => {
      for (const key of Object.keys(container)) {
        const item = (container as Record<string, unknown>)[key];
        if (typeof item === 'string') {
          const clean = this.scrub(item);
          if (clean !== item) (container as Record<string, unknown>)[key] = clean;
        } else if (item && typeof item === 'object') walk(item as Record<string, unknown>);
      }
    };
    walk(value as Record<string, unknown>);
  }
}

// Secrets never reach a comment, a log or an output. The run has one SecretScrubber (main.ts): every value the
// action knows as secret goes in (the inputs' secrets through Runtime.setSecret, settings.ts; and from the plan:
// values Terraform marks sensitive, secrets the okta/okta provider does not mark (catalog secretAttrs, plus
// attribute names that say "secret"), and literals written in provider blocks, which `show -json` prints as
// configuration.provider_config.*.expressions.*.constant_value). Each is masked in the log as it is learnt, and
// removed from everything the action posts or writes.

export type PathSegment = string | number;

export const REDACTED = '(sensitive)';
const SCRUBBED = '(redacted)';
/** Shorter values are masked where they appear but not scrubbed from all text: they would mangle ordinary words. */
const MIN_SCRUB_LENGTH = 4;

const SECRET_NAME = /(^|_)(password|secret|private_key|token|api_key|passphrase|shared_secret)$/i;
/** The same in camelCase, as keys inside JSON attributes are (app_settings_json's clientSecret). */
const CAMEL_SECRET_NAME = /[a-z0-9](Password|Secret|PrivateKey|Token|ApiKey|Passphrase)$/;
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
  if (typeof last === 'string' && (SECRET_NAME.test(last) || CAMEL_SECRET_NAME.test(last))) return true;
  return secretPaths.some((pattern) => {
    const parts = pattern.split('.');
    return parts.length === path.length && parts.every((part, i) => part === '*' || part === String(path[i]));
  });
}

/** Numbers this long can be secrets (a numeric password, a PIN-like key); shorter ones are counts and ports. */
const MIN_SECRET_DIGITS = 6;
/** Query parameters of a URL that carry credentials (?access_token=, ?sig=, ?X-Amz-Signature=...). */
const SECRET_QUERY = /token|secret|sig|key|pass|auth|credential|code/i;

/** The credentials a URL carries: its password (and user:password), and its secret-looking query values. */
export function urlCredentials(text: string): string[] {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return [];
  }
  const found: string[] = [];
  if (url.password) {
    found.push(url.password, decodeURIComponent(url.password), `${url.username}:${url.password}`);
  }
  for (const [name, value] of url.searchParams) {
    if (SECRET_QUERY.test(name)) found.push(value, encodeURIComponent(value));
  }
  return found.filter((v) => v.length > 0);
}

/** Collects secret values and removes them from text; `onLearn` hears each new one (to mask it in the log). */
export class SecretScrubber {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | null = null;

  /** Every secret heard of, short ones too: each is told to onLearn once. */
  private readonly told = new Set<string>();

  constructor(private readonly onLearn: (secret: string) => void = () => undefined) {}

  /** Every secret is masked in the log (as core.setSecret would); only those long enough are scrubbed from text. */
  private learn(text: string): void {
    if (!text.trim() || this.told.has(text)) return;
    this.told.add(text);
    this.onLearn(text);
    if (text.length < MIN_SCRUB_LENGTH) return;
    this.secrets.add(text);
    this.pattern = null;
  }

  /** Remembers every string inside `value` (a secret, or a structure holding only secrets). */
  add(value: unknown): void {
    if (typeof value === 'string') {
      this.learn(value);
      // How the value looks inside JSON text, and each line of a multi-line secret (a PEM key) on its own.
      this.learn(JSON.stringify(value).slice(1, -1));
      if (value.includes('\n')) for (const line of value.split(/\r?\n/)) this.learn(line.trim());
    } else if (typeof value === 'number' || typeof value === 'bigint') {
      const digits = String(value);
      if (digits.replace(/\D/g, '').length >= MIN_SECRET_DIGITS) this.learn(digits);
    } else if (Array.isArray(value)) {
      for (const item of value) this.add(item);
    } else if (value && typeof value === 'object') {
      for (const item of Object.values(value)) this.add(item);
    }
  }

  /** Remembers the parts of `value` that `mask` (a *_sensitive structure) marks sensitive. */
  addSensitive(value: unknown, mask: unknown): void {
    if (mask === true) this.add(value);
    else if (mask && typeof mask === 'object' && value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) this.addSensitive(child, maskChild(mask, key));
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

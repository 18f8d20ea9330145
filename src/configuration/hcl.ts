// The structure of a Terraform file the action reads: blocks with their labels, attributes with the string each
// holds when it is a plain literal, and every literal string. Native syntax (.tf, .terraform.lock.hcl) is scanned
// with HCL's lexical rules (comments, quoted strings with ${} and %{} templates, heredocs, nested brackets), so a
// `}` or `#` inside a string, a heredoc or a nested block never ends a block or starts a comment; JSON syntax
// (.tf.json) maps onto the same shape for the blocks that matter here. Not an evaluator, and never throws: a file
// Terraform would refuse is read as far as it goes, and Terraform's own init reports the error.
// No kept HCL2 parser exists for JavaScript: @cdktf/hcl2json is a Go WebAssembly build from the retired CDKTF.

export interface HclBody {
  /** Each attribute's literal string, or undefined when its value is an expression (or not a string). */
  readonly attributes: ReadonlyMap<string, string | undefined>;
  /** Each attribute's expression as written (`true`, `8`, `{ a = "b" }`; JSON syntax: the value as JSON). */
  readonly expressions: ReadonlyMap<string, string>;
  readonly blocks: readonly HclBlock[];
}

export interface HclBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: HclBody;
  /** The 1-based line the block starts on (native syntax; JSON syntax says 1). */
  readonly line: number;
}

export interface HclFile extends HclBody {
  /** Every literal string in the file (in attribute values, labels, lists and objects), templates excluded. */
  readonly strings: readonly string[];
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_-]*/y;
const HEREDOC = /<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/y;
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

class NativeScanner {
  private i = 0;
  readonly strings: string[] = [];
  /** Lines counted so far: up to `countedTo`, `lines` newlines (blocks come in order). */
  private countedTo = 0;
  private lines = 0;
  constructor(private readonly src: string) {}

  /** The 1-based line of offset `at`. */
  private lineAt(at: number): number {
    if (at < this.countedTo) {
      this.countedTo = 0;
      this.lines = 0;
    }
    for (let k = this.countedTo; k < at; k++) if (this.src.charCodeAt(k) === 10) this.lines++;
    this.countedTo = at;
    return this.lines + 1;
  }

  private at(text: string): boolean {
    return this.src.startsWith(text, this.i);
  }

  /** Skips blanks and comments; newlines too when `newlines`. */
  private skipSpace(newlines: boolean): void {
    while (this.i < this.src.length) {
      const c = this.src[this.i];
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.i++;
      else if (c === '#' || this.at('//')) this.skipLineComment();
      else if (this.at('/*')) this.skipBlockComment();
      else return;
    }
  }

  private skipLineComment(): void {
    const end = this.src.indexOf('\n', this.i);
    this.i = end < 0 ? this.src.length : end;
  }

  private skipBlockComment(): void {
    const end = this.src.indexOf('*/', this.i + 2);
    this.i = end < 0 ? this.src.length : end + 2;
  }

  private identifier(): string | undefined {
    IDENTIFIER.lastIndex = this.i;
    const match = IDENTIFIER.exec(this.src);
    if (!match) return undefined;
    this.i += match[0].length;
    return match[0];
  }

  /** A quoted string from its opening quote: its value, or undefined when it holds a template. */
  private quoted(): string | undefined {
    this.i++;
    let value = '';
    let template = false;
    while (this.i < this.src.length) {
      const c = this.src[this.i] as string;
      if (c === '"') {
        this.i++;
        break;
      }
      if (c === '\n') break; // unterminated: Terraform reports it
      if (c === '\\') {
        value += this.escape();
      } else if (this.at('$${') || this.at('%%{')) {
        value += `${c}{`;
        this.i += 3;
      } else if (this.at('${') || this.at('%{')) {
        template = true;
        this.i += 2;
        this.skipNested('}');
      } else {
        value += c;
        this.i++;
      }
    }
    if (template) return undefined;
    this.strings.push(value);
    return value;
  }

  private escape(): string {
    const next = this.src[this.i + 1] ?? '';
    const digits = next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (digits) {
      const hex = this.src.slice(this.i + 2, this.i + 2 + digits);
      this.i += 2 + digits;
      const code = Number.parseInt(hex, 16);
      return Number.isNaN(code) || code > 0x10ffff ? '' : String.fromCodePoint(code);
    }
    this.i += 2;
    return ESCAPES[next] ?? next;
  }

  /** Skips a heredoc from `<<`; false (nothing skipped) when `<<` does not start one. */
  private heredoc(): boolean {
    HEREDOC.lastIndex = this.i;
    const match = HEREDOC.exec(this.src);
    if (!match) return false;
    let line = this.i + match[0].length;
    while (line < this.src.length) {
      const end = this.src.indexOf('\n', line);
      const text = this.src.slice(line, end < 0 ? this.src.length : end);
      line = end < 0 ? this.src.length : end + 1;
      if (text.trim() === match[1]) break;
    }
    this.i = line;
    return true;
  }

  /** Skips to the bracket that closes the one just opened (templates, lists, objects, calls). */
  private skipNested(close: string): void {
    const closers = [close];
    while (this.i < this.src.length && closers.length) {
      const c = this.src[this.i] as string;
      if (c === '"') this.quoted();
      else if (this.at('<<') && this.heredoc()) continue;
      else if (c === '#' || this.at('//')) this.skipLineComment();
      else if (this.at('/*')) this.skipBlockComment();
      else {
        if (c === '{' || c === '[' || c === '(') closers.push(c === '{' ? '}' : c === '[' ? ']' : ')');
        else if (c === closers[closers.length - 1]) closers.pop();
        this.i++;
      }
    }
  }

  /** An attribute's expression, to the end of its line (or the `}` of a one-line block). */
  private expression(): string | undefined {
    let parts = 0;
    let literal: string | undefined;
    for (;;) {
      this.skipSpace(false);
      const c = this.src[this.i];
      if (c === undefined || c === '\n' || c === '}') break;
      parts++;
      if (c === '"') literal = this.quoted();
      else if (this.at('<<') && this.heredoc()) break;
      else if (c === '{' || c === '[' || c === '(') {
        this.i++;
        this.skipNested(c === '{' ? '}' : c === '[' ? ']' : ')');
      } else this.i++;
    }
    return parts === 1 ? literal : undefined;
  }

  body(closing: boolean): HclBody {
    const attributes = new Map<string, string | undefined>();
    const expressions = new Map<string, string>();
    const blocks: HclBlock[] = [];
    for (;;) {
      this.skipSpace(true);
      const c = this.src[this.i];
      if (c === undefined) break;
      if (c === '}') {
        this.i++;
        if (closing) break;
        continue;
      }
      const start = this.i;
      const name = this.identifier();
      if (!name) {
        this.expression();
        if (this.src[this.i] !== '}') this.i++;
        continue;
      }
      this.skipSpace(false);
      if (this.src[this.i] === '=' && this.src[this.i + 1] !== '=') {
        const from = ++this.i;
        attributes.set(name, this.expression());
        expressions.set(name, this.src.slice(from, this.i).trim());
        continue;
      }
      const labels: string[] = [];
      for (;;) {
        this.skipSpace(false);
        const label = this.src[this.i] === '"' ? this.quoted() : this.identifier();
        if (label === undefined) break;
        labels.push(label);
      }
      if (this.src[this.i] === '{') {
        this.i++;
        blocks.push({ type: name, labels, line: this.lineAt(start), body: this.body(true) });
      } else this.expression();
    }
    return { attributes, expressions, blocks };
  }
}

/** Reads native syntax (.tf, .terraform.lock.hcl). */
export function parseHcl(text: string): HclFile {
  const scanner = new NativeScanner(text);
  const body = scanner.body(false);
  return { ...body, strings: scanner.strings };
}

type Json = unknown;

function objects(value: Json): Record<string, Json>[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter(
    (v): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v),
  );
}

function jsonBody(
  value: Record<string, Json>,
  nested: (key: string, value: Json) => HclBlock[] = () => [],
): HclBody {
  const attributes = new Map<string, string | undefined>();
  const expressions = new Map<string, string>();
  const blocks: HclBlock[] = [];
  for (const [key, item] of Object.entries(value)) {
    const inner = nested(key, item);
    if (inner.length) blocks.push(...inner);
    else {
      attributes.set(key, typeof item === 'string' ? item : undefined);
      expressions.set(key, JSON.stringify(item) ?? 'null');
    }
  }
  return { attributes, expressions, blocks };
}

/** `terraform` blocks: their backend, cloud and required_providers blocks are blocks, the rest attributes. */
function terraformBlock(body: Record<string, Json>): HclBlock {
  const nested = (key: string, value: Json): HclBlock[] => {
    if (key === 'backend') {
      return objects(value).flatMap((byType) =>
        Object.entries(byType).flatMap(([type, config]) =>
          objects(config).map((c) => ({ type: 'backend', labels: [type], line: 1, body: jsonBody(c) })),
        ),
      );
    }
    if (key === 'cloud' || key === 'required_providers') {
      return objects(value).map((c) => ({ type: key, labels: [], line: 1, body: jsonBody(c) }));
    }
    return [];
  };
  return { type: 'terraform', labels: [], line: 1, body: jsonBody(body, nested) };
}

/** Blocks with `depth` labels, as JSON nests them: {"provider": {"okta": {...}}}, {"resource": {"t": {"n": {...}}}}. */
function labelled(type: string, value: Json, depth: number, labels: string[] = []): HclBlock[] {
  if (labels.length === depth)
    return objects(value).map((body) => ({ type, labels, line: 1, body: jsonBody(body) }));
  return objects(value).flatMap((byLabel) =>
    Object.entries(byLabel).flatMap(([label, inner]) => labelled(type, inner, depth, [...labels, label])),
  );
}

function jsonStrings(value: Json, found: string[]): string[] {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) for (const item of value) jsonStrings(item, found);
  else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value)) jsonStrings(item, found);
  return found;
}

const LABELS: Readonly<Record<string, number>> = {
  provider: 1,
  module: 1,
  variable: 1,
  output: 1,
  resource: 2,
  data: 2,
};

/** Reads JSON syntax (.tf.json); a file that is not JSON reads as empty (terraform init reports it). */
export function parseHclJson(text: string): HclFile {
  let document: Json;
  try {
    document = JSON.parse(text);
  } catch {
    return { attributes: new Map(), expressions: new Map(), blocks: [], strings: [] };
  }
  const blocks: HclBlock[] = [];
  for (const top of objects(document)) {
    for (const [type, value] of Object.entries(top)) {
      if (type === 'terraform') blocks.push(...objects(value).map(terraformBlock));
      else if (LABELS[type] !== undefined) blocks.push(...labelled(type, value, LABELS[type]));
    }
  }
  return { attributes: new Map(), expressions: new Map(), blocks, strings: jsonStrings(document, []) };
}

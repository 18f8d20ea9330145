// The terraform-plugin-framework schema of one Go file, read without a Go toolchain: the `schema.Schema{...}`
// composite literal of its Schema method (or of the helper it returns), with helper methods of the same file
// (`r.buildRuleAttributes()`), local variables and the file's package-level maps followed. What it reads: attribute
// kinds (schema.StringAttribute, ...ListAttribute with its ElementType, object types included, ...NestedAttribute), Required/Optional/Computed/Sensitive, RequiresReplace plan modifiers,
// nested blocks (SingleNestedBlock, ListNestedBlock, SetNestedBlock) and their NestedObject. SDKv2 files
// (map[string]*schema.Schema) are read by go-sdk-schema.mjs, with this file's tokenizer and parser.

/** Tokens: strings, words (identifiers with dots, numbers), and punctuation. Comments dropped. */
export function tokens(source) {
  const out = [];
  const re = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:\\.|[^"\\])*"|`[^`]*`|[A-Za-z_][\w.]*|\d+|[{}()[\]:,&*+]|\S/g;
  for (const m of source.matchAll(re)) {
    const t = m[0];
    if (t.startsWith('//') || t.startsWith('/*')) continue;
    out.push(t);
  }
  return out;
}

/**
 * Parses Go expressions into { kind: 'lit', type, fields: [[key, value]] } | { kind: 'call', callee, args } |
 * { kind: 'word', text } | { kind: 'string', text }. Enough for schema literals; anything else is skipped.
 */
export class Parser {
  constructor(toks, at = 0) {
    this.toks = toks;
    this.at = at;
  }
  peek(k = 0) {
    return this.toks[this.at + k];
  }
  next() {
    return this.toks[this.at++];
  }
  expression() {
    // A binary "+" of strings (descriptions) or any operator: keep the first operand.
    let value = this.operand();
    while (this.peek() === '+') {
      this.next();
      this.operand();
    }
    return value;
  }
  operand() {
    let t = this.next();
    if (t === '&' || t === '*') t = this.next();
    if (t === undefined) return { kind: 'word', text: '' };
    if (t.startsWith('"') || t.startsWith('`')) return { kind: 'string', text: t.slice(1, -1) };
    if (t === '[') {
      // []T{...} or map-like type prefixes: skip to the element type.
      while (this.peek() && this.peek() !== ']') this.next();
      this.next();
      return this.typed(this.typeName());
    }
    if (t === '{') return this.literal('', true);
    if (t === 'map') {
      this.next(); // [
      this.typeName();
      this.next(); // ]
      return this.typed(`map:${this.typeName()}`);
    }
    return this.typed(t);
  }
  typeName() {
    let name = this.next();
    while (name === '*' || name === '&') name = this.next();
    if (name === '[') {
      this.next();
      return `[]${this.typeName()}`;
    }
    return name;
  }
  typed(word) {
    if (this.peek() === '{') {
      this.next();
      return this.literal(word);
    }
    if (this.peek() === '(') {
      this.next();
      const args = [];
      while (this.peek() && this.peek() !== ')') {
        args.push(this.expression());
        if (this.peek() === ',') this.next();
        if (this.peek() === '.' || this.peek() === '...') this.next();
      }
      this.next();
      const call = { kind: 'call', callee: word, args };
      // Chained calls: f().g()
      if (this.peek()?.startsWith('.')) return this.typed(`${word}()${this.next()}`);
      return call;
    }
    return { kind: 'word', text: word };
  }
  literal(type) {
    const fields = [];
    while (this.peek() && this.peek() !== '}') {
      const first = this.expression();
      let value = first;
      let key = null;
      if (this.peek() === ':') {
        this.next();
        key = first;
        value = this.expression();
      }
      fields.push([key, value]);
      if (this.peek() === ',') this.next();
    }
    this.next();
    return { kind: 'lit', type, fields };
  }
}

export const keyName = (key) => (key?.kind === 'string' ? key.text : key?.kind === 'word' ? key.text : '');
export const field = (lit, name) => lit?.fields?.find(([k]) => keyName(k) === name)?.[1];
export const isTrue = (lit, name) => field(lit, name)?.kind === 'word' && field(lit, name).text === 'true';

const ELEMENT = {
  'types.StringType': 'string',
  'types.Int64Type': 'number',
  'types.Int32Type': 'number',
  'types.Float64Type': 'number',
  'types.NumberType': 'number',
  'types.BoolType': 'bool',
};

/**
 * The cty type of a framework attr.Type expression: types.StringType, types.ObjectType{AttrTypes: ...},
 * types.ListType{ElemType: ...}; string when unreadable.
 */
function ctyOf(node, resolve) {
  if (node?.kind === 'word') return ELEMENT[node.text] ?? 'string';
  if (node?.kind !== 'lit') return 'string';
  if (/ObjectType$/.test(node.type)) {
    const attrs = resolve(field(node, 'AttrTypes'));
    return [
      'object',
      Object.fromEntries((attrs?.fields ?? []).map(([k, v]) => [keyName(k), ctyOf(resolve(v), resolve)])),
    ];
  }
  const collection = /(List|Set|Map)Type$/.exec(node.type)?.[1];
  if (collection) return [collection.toLowerCase(), ctyOf(resolve(field(node, 'ElemType')), resolve)];
  return 'string';
}

/** Reads one framework-schema Go file. */
export function frameworkSchema(source) {
  const toks = tokens(source);
  /** method or function name → the expression it returns */
  const helpers = new Map();
  for (let i = 0; i < toks.length; i++) {
    if (toks[i] !== 'func') continue;
    let j = i + 1;
    if (toks[j] === '(') while (toks[j] !== ')') j++;
    if (toks[j] === ')') j++;
    const name = toks[j];
    let k = j;
    // Skip the parameter list and result type to the body's "{", then to its first "return".
    let depth = 0;
    for (; k < toks.length; k++) {
      if (toks[k] === '(') depth++;
      if (toks[k] === ')') depth--;
      if (toks[k] === '{' && depth === 0) break;
    }
    let r = k + 1;
    while (r < toks.length && toks[r] !== 'return' && toks[r] !== 'func') r++;
    if (toks[r] === 'return') helpers.set(name, () => new Parser(toks, r + 1).expression());
  }
  // Local variables of the Schema method (`membershipAttrs := map[string]schema.Attribute{...}`), named later.
  const locals = new Map();
  for (let i = 0; i + 1 < toks.length; i++) {
    if (toks[i + 1] === ':' && toks[i + 2] === '=' && /^[a-z_]\w*$/i.test(toks[i] ?? ''))
      locals.set(toks[i], i + 3);
    // and the file's package-level maps (`var pushGroupsDataSourceObjectAttrs = map[string]attr.Type{...}`)
    if (toks[i + 1] === '=' && toks[i + 2] === 'map' && /^[a-z_]\w*$/i.test(toks[i] ?? ''))
      locals.set(toks[i], i + 2);
  }
  const resolving = new Set();
  const resolve = (node) => {
    if (node?.kind === 'call') {
      const name = node.callee.split('.').pop();
      const helper = helpers.get(name);
      return helper ? resolve(helper()) : node;
    }
    if (node?.kind === 'word' && locals.has(node.text) && !resolving.has(node.text)) {
      resolving.add(node.text);
      try {
        return resolve(new Parser(toks, locals.get(node.text)).expression());
      } finally {
        resolving.delete(node.text);
      }
    }
    return node;
  };
  // The Schema method: `resp.Schema = <expr>`.
  const at = toks.findIndex((t, i) => t === 'resp.Schema' && toks[i + 1] === '=');
  if (at < 0) return undefined;
  const root = resolve(new Parser(toks, at + 2).expression());
  if (root?.kind !== 'lit' || !/Schema$/.test(root.type)) return undefined;
  return { version: 0, block: readBlock(root, resolve) };
}

function readBlock(lit, resolve) {
  const block = { attributes: {}, block_types: {} };
  const attrs = resolve(field(lit, 'Attributes'));
  for (const [k, v] of attrs?.fields ?? []) {
    const a = readAttribute(resolve(v), resolve);
    if (a) block.attributes[keyName(k)] = a;
  }
  const blocks = resolve(field(lit, 'Blocks'));
  for (const [k, v] of blocks?.fields ?? []) {
    const b = resolve(v);
    if (b?.kind !== 'lit') continue;
    const mode = /Single/.test(b.type) ? 'single' : /Set/.test(b.type) ? 'set' : 'list';
    const inner = mode === 'single' ? b : resolve(field(b, 'NestedObject'));
    block.block_types[keyName(k)] = { nesting_mode: mode, block: readBlock(inner ?? b, resolve) };
  }
  return block;
}

function readAttribute(lit, resolve) {
  if (lit?.kind !== 'lit') return undefined;
  const kind = /schema\.(\w+)Attribute$/.exec(lit.type)?.[1];
  if (!kind) return undefined;
  const element = () => ctyOf(resolve(field(lit, 'ElementType')), resolve);
  const nestedObject = () => {
    const inner = readBlock(resolve(field(lit, 'NestedObject')) ?? { fields: [] }, resolve);
    return ['object', Object.fromEntries(Object.entries(inner.attributes).map(([n, a]) => [n, a.type]))];
  };
  const types = {
    String: 'string',
    Int64: 'number',
    Int32: 'number',
    Float64: 'number',
    Number: 'number',
    Bool: 'bool',
    Dynamic: 'dynamic',
    List: ['list', element()],
    Set: ['set', element()],
    Map: ['map', element()],
  };
  let type = types[kind];
  if (kind === 'ListNested') type = ['list', nestedObject()];
  if (kind === 'SetNested') type = ['set', nestedObject()];
  if (kind === 'MapNested') type = ['map', nestedObject()];
  if (kind === 'SingleNested') type = nestedObject();
  if (kind === 'Object')
    type = ctyOf(
      {
        kind: 'lit',
        type: 'types.ObjectType',
        fields: [[{ kind: 'word', text: 'AttrTypes' }, field(lit, 'AttributeTypes')]],
      },
      resolve,
    );
  if (!type) return undefined;
  const out = { type };
  if (isTrue(lit, 'Required')) out.required = true;
  if (isTrue(lit, 'Optional')) out.optional = true;
  if (isTrue(lit, 'Computed')) out.computed = true;
  if (isTrue(lit, 'Sensitive')) out.sensitive = true;
  if (!out.required && !out.optional) out.computed = true;
  const modifiers = JSON.stringify(field(lit, 'PlanModifiers') ?? null);
  if (modifiers.includes('RequiresReplace')) out.requires_replace = true;
  return out;
}

// The SDKv2 schema of a resource, read without a Go toolchain: the `"name": {Type: schema.TypeX, ...}` fields of
// the map literals its resource function returns, with the package's shared schema maps and nested resources
// (go-schema.mjs has the tokenizer and the expression parser).

import { field, isTrue, keyName, Parser, tokens } from './go-schema.mjs';

const SDK_TYPES = { TypeString: 'string', TypeInt: 'number', TypeFloat: 'number', TypeBool: 'bool' };

/**
 * The package-level schema maps of a Go package's files (`userSchemaSchema = map[string]*schema.Schema{...}`), by
 * name: shared parts of SDKv2 schemas (utils.BuildSchema(userSchemaSchema, ...)).
 */
export function sdkSchemaVars(sources) {
  const vars = new Map();
  for (const source of sources) {
    const toks = tokens(source);
    for (let i = 0; i + 3 < toks.length; i++) {
      if (toks[i + 1] === '=' && toks[i + 2] === 'map' && /^[A-Za-z_]\w*$/.test(toks[i])) {
        const node = new Parser(toks, i + 2).expression();
        if (node.kind === 'lit' && /schema\.Schema$/.test(node.type)) vars.set(toks[i], node);
      }
      // `appResource = &schema.Resource{Schema: ...}`: a nested block shared by several types (Elem: appResource).
      if (toks[i + 1] === '=' && toks[i + 2] === '&' && toks[i + 3] === 'schema.Resource') {
        const node = new Parser(toks, i + 2).expression();
        if (node.kind === 'lit') vars.set(toks[i], node);
      }
    }
  }
  return vars;
}

/**
 * The attributes an SDKv2 resource declares: the `"name": {Type: schema.TypeX, ...}` fields of the map literals in
 * the `Schema:` of the resource function `funcName` (else the file's first schema.Resource), with the package's
 * schema maps it names (`vars`, from sdkSchemaVars) and those passed to helpers (buildIdpSchema(map...)). Nested
 * resources (Elem: &schema.Resource) become list or set blocks.
 */
export function sdkSchemaFields(source, { funcName, vars = new Map() } = {}) {
  const toks = tokens(source);
  const from = funcName ? toks.findIndex((t, i) => t === 'func' && toks[i + 1] === funcName) : 0;
  if (from < 0) return undefined;
  const at = toks.findIndex(
    (t, i) =>
      i > from &&
      t === 'Schema' &&
      toks[i + 1] === ':' &&
      /schema\.Resource/.test(toks.slice(Math.max(0, i - 400), i).join(' ')),
  );
  if (at < 0) return undefined;
  const root = new Parser(toks, at + 2).expression();
  const maps = [];
  const collect = (node) => {
    if (node?.kind === 'lit' && node.type.startsWith('map:')) maps.push(node);
    else if (node?.kind === 'call') node.args.forEach(collect);
    else if (node?.kind === 'word' && vars.has(node.text)) maps.push(vars.get(node.text));
  };
  collect(root);
  const block = { attributes: {}, block_types: {} };
  for (const map of maps) readSdkFields(map, block, vars);
  return { version: 0, block };
}

function readSdkFields(map, block, vars) {
  for (const [k, v] of map.fields) {
    if (v?.kind !== 'lit') continue;
    const kind = field(v, 'Type');
    const type = kind?.kind === 'word' ? kind.text.replace(/^schema\./, '') : '';
    const named = field(v, 'Elem');
    const elem = named?.kind === 'word' && vars.has(named.text) ? vars.get(named.text) : named;
    const flags = {};
    for (const f of ['Required', 'Optional', 'Computed', 'Sensitive'])
      if (isTrue(v, f)) flags[f.toLowerCase()] = true;
    if (!flags.required && !flags.optional) flags.computed = true;
    if (SDK_TYPES[type]) block.attributes[keyName(k)] = { type: SDK_TYPES[type], ...flags };
    else if (type === 'TypeMap') block.attributes[keyName(k)] = { type: ['map', 'string'], ...flags };
    else if (type === 'TypeList' || type === 'TypeSet') {
      const mode = type === 'TypeList' ? 'list' : 'set';
      const inner = elem?.kind === 'lit' && /Resource$/.test(elem.type) ? field(elem, 'Schema') : undefined;
      if (inner?.kind === 'lit') {
        const nested = { attributes: {}, block_types: {} };
        readSdkFields(inner, nested, vars);
        const max = field(v, 'MaxItems');
        block.block_types[keyName(k)] = {
          nesting_mode: mode,
          ...(max?.kind === 'word' && /^\d+$/.test(max.text) ? { max_items: Number(max.text) } : {}),
          block: nested,
        };
      } else {
        const elemType = elem?.kind === 'lit' ? field(elem, 'Type') : undefined;
        const scalar =
          elemType?.kind === 'word' ? SDK_TYPES[elemType.text.replace(/^schema\./, '')] : undefined;
        block.attributes[keyName(k)] = { type: [mode, scalar ?? 'string'], ...flags };
      }
    }
  }
}

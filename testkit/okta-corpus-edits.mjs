// @ts-check
// Edits of Okta's example configurations for the corpus (okta-corpus-steps.mjs): the resources an example refers to
// without declaring them, taken from their own examples; and the in-place edits an admin would make when a type has
// no update fixture (free text, another documented value, a flag turned, a number raised).

/**
 * The first `resource "type" "label" { ... }` block of a configuration (braces matched; examples balance the
 * braces inside their strings and heredocs), or null. `kind` data: a data block; `label`: that one only.
 * @param {string} config
 * @param {string} type
 * @param {{ kind?: 'resource' | 'data', label?: string }} [which]
 */
export function resourceBlock(config, type, { kind = 'resource', label } = {}) {
  const name = label ? label.replace(/[-]/g, '\\-') : '[^"]+';
  const m = new RegExp(`${kind}\\s+"${type}"\\s+"(${name})"\\s*\\{`).exec(config);
  if (!m) return null;
  let depth = 0;
  for (let i = m.index + m[0].length - 1; i < config.length; i++) {
    if (config[i] === '{') depth++;
    else if (config[i] === '}' && --depth === 0)
      return { label: m[1] ?? '', start: m.index, end: i + 1, text: config.slice(m.index, i + 1) };
  }
  return null;
}

/** The `type.label` (or `data.type.label`) addresses a configuration declares and refers to. @param {string} config */
function addresses(config) {
  const declared = new Set(
    [...config.matchAll(/(resource|data)\s+"(okta_\w+)"\s+"([^"]+)"/g)].map((m) =>
      m[1] === 'data' ? `data.${m[2]}.${m[3]}` : `${m[2]}.${m[3]}`,
    ),
  );
  const referred = new Set(
    [
      ...config
        .replace(/^\s*#.*$/gm, '')
        .matchAll(/(?<![\w.])(data\.)?(okta_\w+)\.([\w-]+)(?=[.\s,\])}]|$)/g),
    ].map((m) => `${m[1] ?? ''}${m[2]}.${m[3]}`),
  );
  return { declared, referred };
}

/**
 * The configuration completed with the okta_* resources and data sources it refers to (`okta_domain.test.id`) but
 * does not declare: each from the example a block was taken from, else the first resource of its type in that
 * type's own example, under the label referred to. Seven of Okta's examples need this (the acceptance tests
 * concatenate the prerequisite's configuration). Returns the configuration and what was added.
 * @param {string} config
 * @param {(type: string) => { type: string, file: string, config: string } | null} exampleOf  a type's first
 *   example
 * @returns {{ config: string, added: string[] }}
 */
export function withPrerequisites(config, exampleOf) {
  /** @type {string[]} */
  const added = [];
  /** The examples blocks were taken from: what those blocks refer to is declared there.
   * @type {{ type: string, file: string, config: string }[]} */
  const donors = [];
  for (let round = 0; round < 4; round++) {
    const { declared, referred } = addresses(config);
    const missing = [...referred].filter((a) => !declared.has(a));
    if (missing.length === 0) break;
    for (const address of missing) {
      const data = address.startsWith('data.');
      const [type = '', label = ''] = address.replace(/^data\./, '').split('.');
      const kind = data ? 'data' : 'resource';
      let from = donors
        .map((d) => ({ d, block: resourceBlock(d.config, type, { kind, label }) }))
        .find((x) => x.block);
      if (!from && !data) {
        const example = exampleOf(type);
        const block = example && resourceBlock(example.config, type);
        if (example && block) {
          from = {
            d: example,
            block: { ...block, text: block.text.replace(/"[^"]+"\s*\{/, `"${label}" {`) },
          };
          donors.push(example);
        }
      }
      if (!from?.block) continue;
      config += `\n# ${address}: from examples/resources/${from.d.type}/${from.d.file}\n${from.block.text}\n`;
      added.push(`${address} from ${from.d.type}/${from.d.file}`);
    }
  }
  return { config, added };
}

/** Attributes an admin edits as free text, best first. */
const FREE_TEXT = ['description', 'display_name', 'label', 'title', 'name', 'note', 'alias', 'from_name'];

/**
 * The literal attributes of a block, `name = "text" | true | 12`, with their depth (1: the block's own, 2: a nested
 * block's).
 * @param {string} blockText
 */
function literals(blockText) {
  /** @type {{ name: string, value: string, start: number, end: number, depth: number }[]} */
  const out = [];
  let depth = 0;
  let at = 0;
  for (const line of blockText.split('\n')) {
    const m = depth >= 1 ? /^(\s*)(\w+)(\s*=\s*)("(?:\\.|[^"\\$])*"|true|false|-?\d+)\s*$/.exec(line) : null;
    if (m) {
      const start = at + (m[1] ?? '').length + (m[2] ?? '').length + (m[3] ?? '').length;
      out.push({ name: m[2] ?? '', value: m[4] ?? '', start, end: start + (m[4] ?? '').length, depth });
    }
    for (const c of line.replace(/"(?:\\.|[^"\\])*"/g, '')) {
      if (c === '{') depth++;
      else if (c === '}') depth--;
    }
    at += line.length + 1;
  }
  return out;
}

/** Text an admin writes (a sentence, a display name), not an ID, an enum, an address or JSON. @param {string} text */
function isProse(text) {
  return /[a-z]/.test(text) && !/:\/\/|@|^[{[]|^[0-9A-Za-z]{20}$/.test(text) && /^[A-Z]|\s/.test(text);
}

/**
 * The values the type's documentation lists for an attribute ("Valid values: `A`, `B`"; "One of: ..."), in
 * docs/resources/<name>.md: the backquoted words of its entry after that phrase, else its bare words.
 * @param {string} docs
 * @param {string} attribute
 */
function documentedValues(docs, attribute) {
  const at = docs.indexOf(`\n- \`${attribute}\` (`);
  if (at < 0) return [];
  const rest = docs.slice(at + 1);
  const next = rest.slice(1).search(/\n(- `|#)/);
  const entry = next < 0 ? rest : rest.slice(0, next + 1);
  const listed = /(valid values|one of|enum|can be|possible values|supported)([\s\S]*)/i.exec(entry)?.[2];
  if (listed === undefined) return [];
  const quoted = [...listed.matchAll(/`([\w.:^*-]+)`/g)].map((m) => m[1] ?? '');
  // Some entries list bare words: "The following are currently supported *, ^1, ^2, ...".
  const bare = listed
    .split(/[\s,]+/)
    .map((w) => w.replace(/\.$/, ''))
    .filter((w) => /^[\w.^*-]+$/.test(w));
  return (quoted.length > 0 ? quoted : bare).filter((v) => v !== attribute);
}

/**
 * In-place edits of the first `type` resource of a configuration, best first: free text edited, another documented
 * value, a flag turned, a number raised, an optional flag set; the block's own attributes before its nested
 * blocks'. Never an ID, nor an attribute that forces replacement.
 * @param {string} config
 * @param {string} type
 * @param {{ forceNew: readonly string[], docs: string, schema?: import('./okta-provider/resources/generic.mjs').JsonSchema }} facts
 * @returns {{ config: string, how: string }[]}
 */
export function inPlaceEdits(config, type, { forceNew, docs, schema }) {
  const block = resourceBlock(config, type);
  if (!block) return [];
  const found = literals(block.text).filter(
    (l) => !(l.depth === 1 && forceNew.includes(l.name)) && l.name !== 'id' && !/_ids?$/.test(l.name),
  );
  /** @type {{ rank: number, start: number, end: number, value: string, how: string }[]} */
  const edits = [];
  for (const l of found) {
    const nested = l.depth > 1 ? 100 : 0;
    const free = FREE_TEXT.indexOf(l.name);
    if (l.value.startsWith('"')) {
      const text = l.value.slice(1, -1);
      const values = documentedValues(docs, l.name);
      const other = values.includes(text) ? values.find((v) => v !== text) : undefined;
      if (free >= 0 || isProse(text))
        edits.push({
          ...l,
          rank: nested + (free >= 0 ? free : 9),
          value: `"${text} (edited)"`,
          how: `${l.name} edited`,
        });
      else if (other)
        edits.push({
          ...l,
          rank: nested + 10,
          value: `"${other}"`,
          how: `${l.name} ${text} → ${other} (a documented value)`,
        });
    } else if (l.value === 'true' || l.value === 'false') {
      const turned = l.value === 'true' ? 'false' : 'true';
      edits.push({ ...l, rank: nested + 20, value: turned, how: `${l.name} ${l.value} → ${turned}` });
    } else {
      const raised = String(Number(l.value) + 1);
      edits.push({ ...l, rank: nested + 30, value: raised, how: `${l.name} ${l.value} → ${raised}` });
    }
  }
  // An optional flag the example leaves to its default, set both ways (one of them is a change).
  const header = /\{/.exec(block.text)?.index ?? 0;
  const set = new Set(found.map((l) => l.name));
  for (const [name, a] of Object.entries(schema?.block.attributes ?? {})) {
    if (a.type !== 'bool' || !a.optional || set.has(name) || forceNew.includes(name)) continue;
    for (const value of ['false', 'true'])
      edits.push({
        rank: 40,
        start: header + 1,
        end: header + 1,
        value: `\n  ${name} = ${value}`,
        how: `${name} set to ${value}`,
      });
  }
  return edits
    .sort((a, b) => a.rank - b.rank)
    .slice(0, 4)
    .map((e) => ({
      config: config.slice(0, block.start + e.start) + e.value + config.slice(block.start + e.end),
      how: `${e.how} (no update fixture)`,
    }));
}

/**
 * Why a type has no in-place update by its schema: every argument it takes forces replacement. Null when one does
 * not.
 * @param {import('./okta-provider/resources/generic.mjs').JsonSchema | undefined} schema
 * @param {readonly string[]} forceNew
 */
export function everyArgumentForcesNew(schema, forceNew) {
  if (!schema || Object.keys(schema.block.block_types ?? {}).length > 0) return null;
  const settable = Object.entries(schema.block.attributes ?? {})
    .filter(([name, a]) => name !== 'id' && (a.required || a.optional))
    .map(([name]) => name);
  return settable.length > 0 && settable.every((n) => forceNew.includes(n))
    ? `every argument it takes forces replacement (${settable.join(', ')})`
    : null;
}

/**
 * Why a type has no in-place update, read from its Go resource: an Update method that only warns or fails ("Update
 * Not Supported"), or null when it updates.
 * @param {string} goSource  the resource's Go file
 */
export function updateRefused(goSource) {
  const m = /func \(\w+ \*\w+\) Update\([^)]*\)[^{]*\{([\s\S]*?)\n\}/.exec(goSource);
  const body = m?.[1] ?? '';
  if (!/not supported|requires? replacement/i.test(body) || /\.Get\(ctx|Plan\.Get/.test(body)) return null;
  const said = /"([^"]*(?:not supported|[Rr]eplacement)[^"]*)"/i.exec(body)?.[1];
  return `its Update says "${said ?? 'nothing'}"`;
}

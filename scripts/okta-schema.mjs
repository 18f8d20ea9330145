// Regenerates reference/okta/schema.json, the okta/okta provider's schema in the shape of
// `terraform providers schema -json` (provider_schemas[source].resource_schemas / data_source_schemas: block →
// attributes {type, required|optional|computed, sensitive} and block_types {nesting_mode, min_items, max_items,
// block}), from the provider's own docs at a tag: the tfplugindocs "## Schema" section of docs/resources/*.md and
// docs/data-sources/*.md. Where the docs say too little, the Go code (terraform-plugin-framework files, read by
// scripts/lib/go-schema.mjs) fills in: the whole schema of a type whose doc has no Schema section (listed under
// `from_go`; those with no readable Go schema either stay under `undocumented`), and the element type of
// attributes the docs call "Array", "Dynamic" or "Object".
//
//   node scripts/okta-schema.mjs --git-dir PATH/TO/terraform-provider-okta.git [--out reference/okta/schema.json]
//   node scripts/okta-schema.mjs --compare providers-schema.json   (a real `terraform providers schema -json`)

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { frameworkSchema } from './lib/go-schema.mjs';
import { sdkSchemaFields, sdkSchemaVars } from './lib/go-sdk-schema.mjs';

const SOURCE = 'registry.terraform.io/okta/okta';

/** tfplugindocs' type words → a cty type. */
function ctyType(words) {
  const collection = /^(List|Set|Map) of (.+)$/.exec(words);
  if (collection) return [collection[1].toLowerCase(), ctyType(collection[2])];
  switch (words) {
    case 'String':
      return 'string';
    case 'Number':
      return 'number';
    case 'Boolean':
      return 'bool';
    case 'Dynamic':
      return 'dynamic';
    case 'Array':
      return ['list', 'dynamic'];
    case 'Object':
      return ['object', {}];
    default:
      return 'string';
  }
}

/** One "- `name` (Type, Flags) description" line. */
function parseItem(line) {
  // Some docs leave out the spaces: "- `id`(String)", "(Object)Specifies...".
  const m = /^- `([^`]+)` ?\(([^)]*)\)(.*)$/.exec(line);
  if (!m) return undefined;
  const nested = /\(see \[below for nested schema\]\(#(nested(?:block|atttype|att)--[^)]+)\)\)/.exec(
    line,
  )?.[1];
  // "- `notification_settings` (see [below for nested schema](...))": a block whose kind the page leaves out.
  const parts = m[2].startsWith('see [below') ? ['Block'] : m[2].split(',').map((p) => p.trim());
  return { name: m[1], parts, nested };
}

/** The sections of a Schema: "" (top level) or the nested anchor, each with its Required/Optional/Read-Only items. */
function sections(schemaText) {
  const found = new Map([['', []]]);
  let current = '';
  let group = 'optional';
  for (const line of schemaText.split('\n')) {
    const anchor = /^<a id="([^"]+)"><\/a>/.exec(line);
    if (anchor) {
      current = anchor[1];
      found.set(current, []);
      continue;
    }
    const heading = /^(?:### )?(Required|Optional|Read-Only):?$/.exec(line.trim());
    if (heading) {
      group = heading[1] === 'Required' ? 'required' : heading[1] === 'Optional' ? 'optional' : 'computed';
      continue;
    }
    const item = parseItem(line.trim());
    if (item) found.get(current).push({ ...item, group });
  }
  return found;
}

function block(items, all) {
  const out = { attributes: {}, block_types: {} };
  for (const item of items) {
    const [first, ...flags] = item.parts;
    const sensitive = flags.includes('Sensitive');
    if (/^Block/.test(first)) {
      // "Block" (with or without Optional, Read-only or Max: 1) is a plugin-framework SingleNestedBlock: terraform
      // allows it no item limits. SDKv2 blocks are "Block List" or "Block Set", with Max: 1 when so declared.
      const mode = first === 'Block List' ? 'list' : first === 'Block Set' ? 'set' : 'single';
      const max = flags.map((f) => /^Max: (\d+)/.exec(f)?.[1]).find(Boolean);
      const min = flags.map((f) => /^Min: (\d+)/.exec(f)?.[1]).find(Boolean);
      const limits =
        mode === 'single'
          ? {}
          : {
              ...(min ? { min_items: Number(min) } : item.group === 'required' ? { min_items: 1 } : {}),
              ...(max ? { max_items: Number(max) } : {}),
            };
      out.block_types[item.name] = {
        nesting_mode: mode,
        ...limits,
        block: block(item.nested ? (all.get(item.nested) ?? []) : [], all),
      };
      continue;
    }
    const attribute = { type: ctyType(first) };
    // A nested attribute (List of Object...): its fields as an object type.
    if (item.nested && all.has(item.nested)) {
      const fields = Object.fromEntries(all.get(item.nested).map((f) => [f.name, ctyType(f.parts[0])]));
      const object = ['object', fields];
      attribute.type = /^(List|Set|Map) of/.test(first)
        ? [first.split(' ')[0].toLowerCase(), object]
        : object;
    }
    attribute[item.group] = true;
    if (item.group === 'optional' && flags.includes('Computed')) attribute.computed = true;
    if (sensitive) attribute.sensitive = true;
    if (flags.includes('Deprecated')) attribute.deprecated = true;
    out.attributes[item.name] = attribute;
  }
  return out;
}

/** A type the docs leave vague: "Array" or "Dynamic" (dynamic elements) or "Object" with no fields given. */
const vague = (type) =>
  JSON.stringify(type).includes('"dynamic"') || JSON.stringify(type) === '["object",{}]';

/**
 * `doc` with the top-level attributes and blocks `sdk` has and `doc` misses: the docs' SDKv2 schema completed from
 * the type's Go file, or (`sdkId` false) a Go framework schema completed from the docs where a helper in another
 * file kept the Go reader from seeing an attribute.
 */
function withMissing(doc, sdk, sdkId = true) {
  const b = doc.block;
  // The docs completing a Go schema add nothing required: where they disagree, the code is what terraform enforces.
  const wanted = (a) => sdkId || !(a.required || a.min_items);
  const merge = (into, from) => {
    for (const [name, a] of Object.entries(from.attributes ?? {})) {
      if (!into.attributes[name] && !into.block_types?.[name] && wanted(a)) into.attributes[name] = a;
    }
    for (const [name, nested] of Object.entries(from.block_types ?? {})) {
      if (into.block_types?.[name]) merge(into.block_types[name].block, nested.block);
      else if (!into.attributes[name] && wanted(nested)) (into.block_types ??= {})[name] = nested;
    }
  };
  merge(b, sdk.block);
  // SDKv2 gives every resource an optional, computed id (configurable, as okta_policy_rule_mfa's example does).
  if (sdkId && b.attributes.id?.computed && !b.attributes.id.optional) b.attributes.id.optional = true;
  return doc;
}

/** `doc` with the type (or block) of `code` for each attribute `doc` leaves vague (either may be the Go schema). */
function refined(doc, code) {
  const walk = (d, c) => {
    for (const [name, a] of Object.entries(d.attributes ?? {})) {
      if (!vague(a.type)) continue;
      const typed = c?.attributes?.[name]?.type;
      if (typed && !vague(typed)) a.type = typed;
      else if (c?.block_types?.[name]) {
        // Documented as an "Array" of a nested schema, declared as a nested block.
        d.block_types ??= {};
        d.block_types[name] = c.block_types[name];
        delete d.attributes[name];
      }
    }
    for (const [name, b] of Object.entries(d.block_types ?? {})) walk(b.block, c?.block_types?.[name]?.block);
  };
  walk(doc.block, code.block);
  return doc;
}

/** The Go reader marks RequiresReplace; terraform's schema format has no such field (replace-attrs.tsv does). */
function withoutReplaceMarks(schema) {
  if (!schema) return undefined;
  const walk = (block) => {
    for (const a of Object.values(block.attributes ?? {})) delete a.requires_replace;
    for (const b of Object.values(block.block_types ?? {})) walk(b.block);
  };
  walk(schema.block);
  return schema;
}

export function schemaFromDoc(markdown) {
  const start = markdown.indexOf('## Schema');
  if (start < 0) return undefined;
  const end = markdown.indexOf('\n## ', start + 10);
  const all = sections(markdown.slice(start, end < 0 ? undefined : end));
  return { version: 0, block: block(all.get('') ?? [], all) };
}

function fromGit(gitDir) {
  const git = (...args) =>
    execFileSync('git', [`--git-dir=${gitDir}`, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const commit = git('rev-parse', 'HEAD').trim();
  const kinds = { resource_schemas: 'docs/resources', data_source_schemas: 'docs/data-sources' };
  const schemas = { resource_schemas: {}, data_source_schemas: {} };
  const undocumented = [];
  const fromGo = [];
  const goFiles = git('ls-tree', '-r', '--name-only', 'HEAD', 'okta/')
    .split('\n')
    .filter((p) => p.endsWith('.go') && !p.endsWith('_test.go'));
  const sources = new Map(goFiles.map((p) => [p, git('show', `HEAD:${p}`)]));
  // SDKv2 resources by type: okta/resources/resources.go names the type (OktaIDaaSUserSchemaProperty =
  // "okta_user_schema_property"), a service registers its function (resources.X: resourceUserCustomSchemaProperty()).
  const typeOfConstant = new Map(
    [...(sources.get('okta/resources/resources.go') ?? '').matchAll(/(\w+)\s*=\s*"(okta_\w+)"/g)].map((m) => [
      m[1],
      m[2],
    ]),
  );
  const sdkFunction = new Map();
  for (const [path, text] of sources) {
    for (const m of text.matchAll(/resources\.(\w+):\s*(\w+)\(\)/g)) {
      const registered = typeOfConstant.get(m[1]);
      // Data sources are registered under the same names (dataSourceUser()).
      if (registered && m[2].startsWith('resource'))
        sdkFunction.set(registered, { dir: path.replace(/\/[^/]+$/, ''), name: m[2] });
    }
  }
  const varsByDir = new Map();
  const packageVars = (dir) => {
    if (!varsByDir.has(dir)) {
      const inDir = [...sources].filter(([p]) => p.startsWith(`${dir}/`)).map(([, text]) => text);
      varsByDir.set(dir, sdkSchemaVars(inDir));
    }
    return varsByDir.get(dir);
  };
  /** The framework schema in the type's own Go file, and the SDKv2 attributes its resource function declares. */
  const goSchema = (kind, type) => {
    const prefix = kind === 'resource_schemas' ? 'resource' : 'data_source';
    const bare = type.replace(/^okta_/, '');
    const file = goFiles.find((p) =>
      [`${prefix}_okta_${bare}.go`, `${prefix}_${bare}.go`].includes(p.split('/').pop()),
    );
    const framework = file ? withoutReplaceMarks(frameworkSchema(sources.get(file))) : undefined;
    const fn = kind === 'resource_schemas' ? sdkFunction.get(type) : undefined;
    const fnFile =
      fn && goFiles.find((p) => p.startsWith(`${fn.dir}/`) && sources.get(p).includes(`func ${fn.name}(`));
    const sdk = fnFile
      ? sdkSchemaFields(sources.get(fnFile), { funcName: fn.name, vars: packageVars(fn.dir) })
      : file
        ? sdkSchemaFields(sources.get(file))
        : undefined;
    return { framework, sdk };
  };
  const typeList = (file) =>
    new Set(
      readFileSync(`reference/okta/${file}`, 'utf8')
        .split('\n')
        .map((l) => l.split(/\s/)[0])
        .filter((t) => t.startsWith('okta_')),
    );
  const registered = {
    resource_schemas: typeList('resource-types.txt'),
    data_source_schemas: typeList('data-source-types.txt'),
  };
  for (const [kind, dir] of Object.entries(kinds)) {
    for (const path of git('ls-tree', '--name-only', 'HEAD', `${dir}/`)
      .split('\n')
      .filter((p) => p.endsWith('.md'))) {
      const markdown = git('show', `HEAD:${path}`);
      // The file's name, unless it is no registered type and the page's title is: a file name can be a typo
      // (docs/resources/prinicipal_rate_limits.md), and a title can be copied from another page
      // (docs/data-sources/catalog_entry_default.md).
      const named = `okta_${path.split('/').pop().replace(/\.md$/, '')}`;
      const titled = /^page_title: "(?:[^"]*: )?(okta_\w+)/m.exec(markdown)?.[1];
      const type = !registered[kind].has(named) && titled && registered[kind].has(titled) ? titled : named;
      const fromDoc = schemaFromDoc(markdown);
      const { framework: fromCode, sdk } = goSchema(kind, type);
      // A plugin-framework type: its Go schema is what terraform gets (the docs lag it: okta_api_token.connection,
      // okta_push_provider.fcm_configuration...), with the docs' word where the Go reader found no type.
      if (fromDoc && fromCode) schemas[kind][type] = withMissing(refined(fromCode, fromDoc), fromDoc, false);
      else if (fromDoc)
        schemas[kind][type] = withMissing(fromDoc, sdk ?? { block: { attributes: {}, block_types: {} } });
      else if (fromCode) {
        schemas[kind][type] = fromCode;
        fromGo.push(`${kind === 'resource_schemas' ? 'resource' : 'data source'} ${type}`);
      } else undocumented.push(`${kind === 'resource_schemas' ? 'resource' : 'data source'} ${type}`);
    }
  }
  return {
    format_version: '1.0',
    source: {
      repository: 'okta/terraform-provider-okta',
      tag: 'v6.12.0',
      commit,
      from: 'docs/*/ tfplugindocs Schema sections; the Go schema where the docs have none or leave a type vague',
    },
    licence:
      "Mozilla Public License 2.0 (the provider's LICENSE): the schema is derived from its documentation and code.",
    from_go: fromGo,
    undocumented,
    provider_schemas: { [SOURCE]: schemas },
  };
}

/** Types and attributes that differ between two schema documents, one line each. */
export function compareSchemas(ours, theirs) {
  const lines = [];
  const a = ours.provider_schemas[SOURCE] ?? {};
  const b =
    theirs.provider_schemas?.[SOURCE] ?? theirs.provider_schemas?.['registry.opentofu.org/okta/okta'] ?? {};
  for (const kind of ['resource_schemas', 'data_source_schemas']) {
    const ta = a[kind] ?? {};
    const tb = b[kind] ?? {};
    for (const type of Object.keys(tb)) if (!ta[type]) lines.push(`${kind} ${type}: only in the real schema`);
    for (const type of Object.keys(ta)) {
      if (!tb[type]) {
        lines.push(`${kind} ${type}: only in ours`);
        continue;
      }
      const aa = Object.keys(ta[type].block.attributes ?? {});
      const ab = Object.keys(tb[type].block.attributes ?? {});
      for (const name of ab)
        if (!aa.includes(name)) lines.push(`${kind} ${type}.${name}: only in the real schema`);
      for (const name of aa) if (!ab.includes(name)) lines.push(`${kind} ${type}.${name}: only in ours`);
    }
  }
  return lines;
}

function main() {
  const { values } = parseArgs({
    options: { 'git-dir': { type: 'string' }, out: { type: 'string' }, compare: { type: 'string' } },
  });
  const out = values.out ?? 'reference/okta/schema.json';
  if (values.compare) {
    const lines = compareSchemas(
      JSON.parse(readFileSync(out, 'utf8')),
      JSON.parse(readFileSync(values.compare, 'utf8')),
    );
    console.log(lines.length ? lines.join('\n') : 'the schemas agree on every type and attribute');
    return;
  }
  if (!values['git-dir'])
    throw new Error('give --git-dir (a clone of okta/terraform-provider-okta at v6.12.0) or --compare FILE');
  writeFileSync(out, `${JSON.stringify(fromGit(values['git-dir']), null, 1)}\n`);
  console.log(`wrote ${out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();

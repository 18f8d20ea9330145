// Reads a `terraform show -json PLANFILE` document (format_version 0.1 to 1.x, Terraform 0.12 to 1.15, OpenTofu,
// and HCP Terraform's redacted JSON plan) as a stream of chunks, and reports the parts a summary needs to a visitor.
// planned_values, variables and every unchanged object's values are skipped without being parsed.

import { ActionError } from '../errors.js';
import {
  ChangeIndex,
  IndexedChange,
  IndexedPriorResource,
  PriorIndex,
  str,
  stringList,
  type ConfigResource,
  type PriorResourceEvent,
  type ResourceChangeEvent,
} from './indexed-resources.js';
import { JsonSyntaxError, parseRange } from './json-scan.js';
import { ObjectIndex } from './object-index.js';
import { arrayOf, capture, indexed, JsonWalker, objectOf, SKIP, type Rule } from './json-walk.js';

export interface PlanVisitor {
  /** The attributes of prior-state objects the visitor reads (besides id): the others are never decoded. */
  readonly priorAttributes: ReadonlySet<string>;
  /**
   * Of those, what one prior object of `type` needs read (id included), now: the rest of its values is skipped
   * once these are found. The same array for the same answer.
   */
  priorAttributesFor(type: string): readonly string[];
  /** Whether the prior object with this ID is needed (read as soon as its id is): the rest of it is skipped if not. */
  wantsPrior(id: string): boolean;
  change(event: ResourceChangeEvent): void;
  drift(event: ResourceChangeEvent): void;
  priorResource(event: PriorResourceEvent): void;
  configResource(resource: ConfigResource): void;
  providerConfig(config: Record<string, unknown>): void;
  /** `values` parses the output's planned value, for outputs that change. */
  outputChange(name: string, actions: readonly string[], values: () => OutputValues): void;
  actionInvocation(index: number, invocation: Record<string, unknown>): void;
}

export interface OutputValues {
  readonly before: unknown;
  readonly after: unknown;
  readonly afterUnknown: unknown;
  readonly beforeSensitive: unknown;
  readonly afterSensitive: unknown;
}

export interface PlanDocumentInfo {
  readonly formatVersion: string | null;
  readonly terraformVersion: string | null;
  readonly errored: boolean;
  readonly actionInvocations: number;
  readonly deferredChanges: number;
}

/** What reading a state's modules asks of a visitor. */
export type PriorVisitor = Pick<
  PlanVisitor,
  'priorAttributes' | 'priorAttributesFor' | 'wantsPrior' | 'priorResource'
>;

/** A state's module (`root_module`, and its `child_modules` in turn): each resource to `visitor.priorResource`. */
export function stateModuleRule(visitor: PriorVisitor): Rule {
  const fields = new PriorIndex(
    visitor.priorAttributes,
    (type) => visitor.priorAttributesFor(type),
    (id) => visitor.wantsPrior(id),
  );
  const resources = arrayOf(
    indexed(fields.index, (buf) => visitor.priorResource(new IndexedPriorResource(buf, fields))),
  );
  const module: Rule = {
    kind: 'object',
    member: (key) => (key === 'resources' ? resources : key === 'child_modules' ? arrayOf(module) : SKIP),
  };
  return module;
}

function configModuleRule(visitor: PlanVisitor, modulePath: string): Rule {
  return objectOf({
    resources: arrayOf(
      capture((buf, s, e) => {
        const resource = parseRange(buf, s, e) as Record<string, unknown>;
        const address = str(resource.address) ?? '';
        visitor.configResource({
          address: modulePath ? `${modulePath}.${address}` : address,
          modulePath,
          type: str(resource.type) ?? '',
          expressions: (resource.expressions ?? {}) as Record<string, unknown>,
        });
      }),
    ),
    module_calls: {
      kind: 'object',
      member: (call) =>
        objectOf({
          module: configModuleRule(visitor, `${modulePath ? `${modulePath}.` : ''}module.${call}`),
        }),
    },
  });
}

interface DocumentFacts {
  formatVersion: string | null;
  terraformVersion: string | null;
  errored: boolean;
  actionInvocations: number;
  deferredChanges: number;
  readonly keys: Set<string>;
}

function checkFormatVersion(version: unknown, key: string): string {
  const text = typeof version === 'string' ? version : String(version);
  const major = /^(\d+)\./.exec(text)?.[1];
  if (major !== '0' && major !== '1') {
    throw new ActionError(
      'invalid-input',
      `the plan's ${key} is ${JSON.stringify(version)}, and this action reads format 0.x and 1.x: upgrade the action, or produce the plan with a Terraform version it supports`,
    );
  }
  return text;
}

function elements(onElements: (items: unknown[]) => void): Rule {
  return capture((buf, s, e) => {
    const value = parseRange(buf, s, e);
    onElements(Array.isArray(value) ? value : []);
  });
}

function rootRule(visitor: PlanVisitor, facts: DocumentFacts): Rule & { kind: 'object' } {
  const changes = new ChangeIndex();
  const output = new ObjectIndex([
    'actions',
    'before',
    'after',
    'after_unknown',
    'before_sensitive',
    'after_sensitive',
  ]);
  const topLevel: Record<string, Rule> = {
    format_version: capture((buf, s, e) => {
      facts.formatVersion = checkFormatVersion(parseRange(buf, s, e), 'format_version');
    }),
    plan_format_version: capture((buf, s, e) => {
      facts.formatVersion = checkFormatVersion(parseRange(buf, s, e), 'plan_format_version');
    }),
    terraform_version: capture((buf, s, e) => {
      facts.terraformVersion = str(parseRange(buf, s, e));
    }),
    errored: capture((buf, s, e) => {
      facts.errored = parseRange(buf, s, e) === true;
    }),
    resource_changes: arrayOf(
      indexed(changes.index, (buf) => visitor.change(new IndexedChange(buf, changes))),
    ),
    resource_drift: arrayOf(indexed(changes.index, (buf) => visitor.drift(new IndexedChange(buf, changes)))),
    output_changes: {
      kind: 'object',
      member: (name) =>
        indexed(output, (buf) =>
          visitor.outputChange(name, stringList(output.parse(buf, output.slot('actions'))), () => ({
            before: output.parse(buf, output.slot('before')),
            after: output.parse(buf, output.slot('after')),
            afterUnknown: output.parse(buf, output.slot('after_unknown')),
            beforeSensitive: output.parse(buf, output.slot('before_sensitive')),
            afterSensitive: output.parse(buf, output.slot('after_sensitive')),
          })),
        ),
    },
    prior_state: objectOf({ values: objectOf({ root_module: stateModuleRule(visitor) }) }),
    configuration: objectOf({
      provider_config: capture((buf, s, e) => {
        const config = parseRange(buf, s, e);
        if (config && typeof config === 'object') visitor.providerConfig(config as Record<string, unknown>);
      }),
      root_module: configModuleRule(visitor, ''),
    }),
    action_invocations: elements((items) => {
      facts.actionInvocations = items.length;
      items.forEach((item, i) => {
        if (item && typeof item === 'object') visitor.actionInvocation(i, item as Record<string, unknown>);
      });
    }),
    deferred_changes: elements((items) => (facts.deferredChanges = items.length)),
  };
  return {
    kind: 'object',
    member: (key) => {
      facts.keys.add(key);
      return Object.hasOwn(topLevel, key) ? (topLevel[key] as Rule) : SKIP;
    },
  };
}

function checkDocumentKind(facts: DocumentFacts): void {
  const has = (key: string): boolean => facts.keys.has(key);
  if (has('@level') || has('@message')) {
    throw new ActionError(
      'invalid-input',
      'the input is a `terraform plan -json` log stream, not a plan: pass the output of `terraform show -json PLANFILE`',
    );
  }
  const planKeys = [
    'plan_format_version',
    'planned_values',
    'resource_changes',
    'resource_drift',
    'output_changes',
  ];
  if (planKeys.some(has)) return;
  if (has('values') || has('format_version')) {
    throw new ActionError(
      'invalid-input',
      'the input is a Terraform state, not a plan: pass the output of `terraform show -json PLANFILE` (a plan saved with `terraform plan -out PLANFILE`)',
    );
  }
  throw new ActionError(
    'invalid-input',
    'the input is JSON but not a Terraform plan (it has no format_version): pass the output of `terraform show -json PLANFILE`',
  );
}

/** Reads a plan document from its chunks (UTF-8, without BOM: see plan-file.ts), reporting its parts to `visitor`. */
export async function readPlanDocument(
  chunks: AsyncIterable<Buffer>,
  visitor: PlanVisitor,
): Promise<PlanDocumentInfo> {
  const facts: DocumentFacts = {
    formatVersion: null,
    terraformVersion: null,
    errored: false,
    actionInvocations: 0,
    deferredChanges: 0,
    keys: new Set(),
  };
  const walker = new JsonWalker(rootRule(visitor, facts));
  try {
    for await (const chunk of chunks) walker.write(chunk);
    walker.end();
  } catch (e) {
    if (facts.keys.has('@level')) checkDocumentKind(facts);
    if (e instanceof JsonSyntaxError || e instanceof SyntaxError) {
      throw new ActionError('invalid-input', `the plan is not valid JSON: ${e.message}`);
    }
    throw e;
  }
  checkDocumentKind(facts);
  const { formatVersion, terraformVersion, errored, actionInvocations, deferredChanges } = facts;
  return { formatVersion, terraformVersion, errored, actionInvocations, deferredChanges };
}

// The plan summary: counts, Okta categories, named objects, risk, and changes made outside Terraform, from one pass
// over the plan stream. Memory grows with the number of changed objects, not with the size of the plan.

import { lookupType, nameAttributes, type OktaType } from '../okta/catalog.js';
import { captureNameInputs, placeholdersOf, type NameInputs, type Placeholder } from '../okta/names.js';
import { replaceCause } from '../okta/risk.js';
import { FindingsCollector } from '../review/engine.js';
import { rateChanges, typeRisk } from '../review/scale.js';
import { NO_NOTES, providerNotes } from '../okta/provider-notes.js';
import { BUILT_IN_POLICY, policySummary, type ReviewPolicy } from '../review/policy.js';
import { ApiCallCounter, ASSUMED_LIMITS, type RateLimits } from './api-forecast.js';
import { categoryCounts } from './categories.js';
import {
  countObjects,
  countTerraform,
  emptyObjectCounts,
  emptyTerraformCounts,
  isChange,
  isMove,
  objectAction,
} from './counts.js';
import { diffAttributes, type DiffResult } from './diff.js';
import { outputChangeSummary } from './output-changes.js';
import type { Environment } from '../runtime.js';
import { orgFromEnvironment, orgFromProviderConfig } from './org-host.js';
import { SecretScrubber } from './redact.js';
import {
  configNameInputs,
  nameOktaIds,
  oktaIdsIn,
  resolveNames,
  type ConfigNames,
  type NamedObject,
  type PriorObject,
} from './name-resolution.js';
import type {
  ChangeValues,
  ConfigResource,
  PriorResourceEvent,
  ResourceChangeEvent,
} from './indexed-resources.js';
import {
  changeIdentity,
  changeSummary,
  described,
  forcingAttributes,
  idsOf,
  noiseOf,
  replacePathTexts,
  stringsOf,
} from './change-facts.js';
import { FingerprintBuilder } from './fingerprint.js';
import { readValues } from './value-limits.js';
import { readPlanDocument, type OutputValues, type PlanVisitor } from './document-reader.js';
import type { ChangeSummary, DriftSummary, ObjectAction, OutputChangeSummary, PlanSummary } from './types.js';

export interface SummarizeOptions {
  /** OKTA_ORG_NAME / OKTA_BASE_URL, used when the provider block does not name the org. */
  readonly env?: Environment;
  /** Collects each change's digest for the fingerprint; pass one in to keep the per-object digests. */
  readonly fingerprint?: FingerprintBuilder;
  /**
   * The run's scrubber (main.ts): the secrets it already knows (inputs, credentials) are removed from the summary,
   * and the plan's are added to it. A fresh one when not given.
   */
  readonly scrubber?: SecretScrubber;
  /** The repository's review policy (rules off, severities, allowlists); the built-in one when not given. */
  readonly policy?: ReviewPolicy;
  /** The org's rate limits and this run's share, for the API forecast; Enterprise's defaults when not given. */
  readonly rateLimits?: RateLimits;
}

const NO_DIFF: DiffResult = { attributes: [], omitted: 0, shownInFull: true };
const NOTHING: readonly string[] = [];

class SummaryBuilder implements PlanVisitor {
  readonly terraform = emptyTerraformCounts();
  readonly objects = emptyObjectCounts();
  /** Each summary's name is filled in once every change has been read (names refer to other objects). */
  readonly changes: (NamedObject & { summary: ChangeSummary })[] = [];
  readonly drifted: (NamedObject & { summary: Omit<DriftSummary, 'name'> })[] = [];
  /** One object per ID (Okta IDs are unique in an org). */
  readonly prior = new Map<string, PriorObject>();
  readonly config: ConfigNames = new Map();
  readonly priorAttributes = nameAttributes();
  private readonly priorAttributesByType = new Map<string, readonly string[]>();
  readonly outputs: OutputChangeSummary[] = [];
  readonly api = new ApiCallCounter();
  constructor(
    readonly fingerprint: FingerprintBuilder,
    readonly scrubber: SecretScrubber,
    readonly findings: FindingsCollector,
  ) {}
  orgHost: string | null = null;
  /** IDs that changed objects point at: once resource_changes has been read, prior state keeps only these. */
  private readonly wantedIds = new Set<string>();
  private changesSeen = false;
  private readonly placeholderCache = new Map<string, Placeholder[]>();

  private placeholders(info: OktaType): Placeholder[] {
    let found = this.placeholderCache.get(info.type);
    if (!found) {
      found = placeholdersOf(info.names);
      this.placeholderCache.set(info.type, found);
    }
    return found;
  }

  private nameInputs(info: OktaType, object: unknown, unknown: unknown, sensitive: unknown): NameInputs {
    const placeholders = this.placeholders(info);
    const inputs = captureNameInputs(placeholders, object, unknown, sensitive);
    for (const p of placeholders) {
      if (p.kind === 'ref') for (const id of stringsOf(inputs.values.get(p.path))) this.wantedIds.add(id);
    }
    return inputs;
  }

  private wantNames(ids: readonly string[]): void {
    for (const id of ids) this.wantedIds.add(id);
  }

  /** What changes in the object's attributes (nothing shown for objects that go away). */
  private diff(info: OktaType, values: ChangeValues, action: ObjectAction): DiffResult {
    if (action === 'delete' || action === 'forget' || action === 'no-op') return NO_DIFF;
    const diff = diffAttributes(values, {
      secretPaths: info.secretAttrs,
      replacePaths: replacePathTexts(values.replacePaths),
      scrubber: this.scrubber,
      creating: action === 'create',
    });
    for (const id of oktaIdsIn(diff.attributes)) this.wantedIds.add(id);
    return diff;
  }

  /** What names the object: its values after the change (before, when it goes away), and before an update. */
  private named<S>(
    event: ResourceChangeEvent,
    info: OktaType,
    values: ChangeValues,
    action: ObjectAction,
    summary: S,
  ): NamedObject & { summary: S } {
    const removing = action === 'delete' || action === 'forget';
    const changing = action === 'update' || action === 'replace';
    return {
      address: event.address,
      type: info.type,
      info,
      ids: idsOf(values),
      after: removing
        ? this.nameInputs(info, values.before, undefined, values.beforeSensitive)
        : this.nameInputs(info, values.after, values.afterUnknown, values.afterSensitive),
      before: changing ? this.nameInputs(info, values.before, undefined, values.beforeSensitive) : null,
      summary,
    };
  }

  change(event: ResourceChangeEvent): void {
    this.changesSeen = true;
    if (event.mode === 'data') {
      if (event.actions.includes('read')) {
        this.objects.read++;
        this.api.dataRead();
      }
      return;
    }
    this.api.managed(event, objectAction(event.actions));
    // The address only when there is a previous one: most entries are no-ops that need no string decoded.
    const previous = event.previousAddress;
    const moved = previous !== null && isMove(event.address, previous);
    const managed = { actions: event.actions, importing: event.importing, moved };
    countTerraform(managed, this.terraform);
    countObjects(managed, this.objects);
    if (!isChange(managed)) {
      // Some unchanged objects are what changes are judged against (a group's admin role, a policy's rules).
      this.wantNames(this.findings.unchangedEntry(event));
      return;
    }

    const info = lookupType(event.type);
    const values = readValues(event.address, () => event.values());
    this.api.memberWrites(info.type, values);
    this.fingerprint.addChange(
      changeIdentity(event, moved),
      event.actions,
      values,
      event.importTarget,
      event.actionReason,
    );
    const action = objectAction(event.actions);
    const diff = this.diff(info, values, action);
    const cause = action === 'replace' ? replaceCause(event.actionReason, forcingAttributes(diff)) : null;
    const risk = typeRisk(info, action, values, cause);
    // Noise changes nothing in Okta: its reason is shown instead of findings.
    const noise = noiseOf(info.type, action, values, event.importing);
    this.wantNames(
      noise
        ? this.findings.unchanged(info.type, values, () => event.address)
        : this.findings.add({ address: event.address, action, values }, info, risk),
    );
    const notes = noise ? NO_NOTES : providerNotes(info.type, action, values);
    const summary = changeSummary(event, info, { action, diff, noise, notes, risk, moved });
    this.changes.push(this.named(event, info, values, action, summary));
  }

  drift(event: ResourceChangeEvent): void {
    if (event.mode === 'data' || objectAction(event.actions) === 'no-op') return;
    const info = lookupType(event.type);
    const values = readValues(event.address, () => event.values());
    const action = objectAction(event.actions);
    const diff = this.diff(info, values, action);
    this.drifted.push(this.named(event, info, values, action, described(event, info, diff)));
  }

  priorAttributesFor(type: string): readonly string[] {
    // Once resource_changes is read, prior objects matter only when a change points at them.
    if (this.changesSeen && this.wantedIds.size === 0) return NOTHING;
    let attributes = this.priorAttributesByType.get(type);
    if (!attributes) {
      const roots = this.placeholders(lookupType(type))
        .filter((p) => p.kind === 'value')
        .map((p) => p.path.split('.')[0] as string);
      attributes = [...new Set(['id', ...roots])];
      this.priorAttributesByType.set(type, attributes);
    }
    return attributes;
  }

  wantsPrior(id: string): boolean {
    return !this.changesSeen || this.wantedIds.has(id);
  }

  priorResource(event: PriorResourceEvent): void {
    if (this.changesSeen && this.wantedIds.size === 0) return;
    const id = event.value('id');
    if (typeof id !== 'string' || !id || (this.changesSeen && !this.wantedIds.has(id))) return;
    // By type and ID: in okta/okta an app's group assignment and a group's memberships take the group's own ID.
    const key = `${event.type}\u0000${id}`;
    if (this.prior.has(key)) return;
    const info = lookupType(event.type);
    const placeholders = this.placeholders(info);
    const values = Object.create(null) as Record<string, unknown>;
    for (const p of placeholders) {
      const root = p.path.split('.')[0] as string;
      if (p.kind === 'value' && !(root in values)) values[root] = event.value(root);
    }
    this.prior.set(key, {
      id,
      info,
      address: event.address,
      after: captureNameInputs(placeholders, values, undefined, undefined),
    });
  }

  configResource(resource: ConfigResource): void {
    const inputs = configNameInputs(resource, this.placeholders(lookupType(resource.type)));
    if (inputs) this.config.set(resource.address, inputs);
  }

  providerConfig(config: Record<string, unknown>): void {
    this.scrubber.addProviderLiterals(config);
    this.orgHost = orgFromProviderConfig(config) ?? this.orgHost;
  }

  outputChange(name: string, actions: readonly string[], values: () => OutputValues): void {
    if (!actions.some((a) => a !== 'no-op')) return;
    const planned = readValues(`output.${name}`, values);
    this.fingerprint.addOutput(name, actions, planned);
    this.outputs.push(outputChangeSummary(name, actions, planned, this.scrubber));
  }

  actionInvocation(index: number, invocation: Record<string, unknown>): void {
    this.fingerprint.addActionInvocation(index, invocation);
  }
}

/** Summarizes a `terraform show -json` plan given as UTF-8 chunks (see plan-file.ts). */
export async function summarizePlan(
  chunks: AsyncIterable<Buffer>,
  options: SummarizeOptions = {},
): Promise<PlanSummary> {
  const scrubber = options.scrubber ?? new SecretScrubber();
  const policy = options.policy ?? BUILT_IN_POLICY;
  const findings = new FindingsCollector(scrubber, policy);
  const builder = new SummaryBuilder(options.fingerprint ?? new FingerprintBuilder(), scrubber, findings);
  const document = await readPlanDocument(chunks, builder);
  const names = resolveNames(builder.changes, builder.drifted, [...builder.prior.values()], builder.config);
  const changes = builder.changes.map((c, i) => {
    c.summary.name = names.changes[i] as string;
    return c.summary;
  });
  const drift: DriftSummary[] = builder.drifted.map((d, i) => ({
    ...d.summary,
    name: names.drift[i] as string,
  }));
  for (const item of [...changes, ...drift]) nameOktaIds(item.attributes, names.byId);
  const judged = builder.findings.finish(names.byId);
  rateChanges(changes, judged.findings);
  const summary: PlanSummary = {
    formatVersion: 1,
    terraform: builder.terraform,
    objects: builder.objects,
    hasChanges: changes.length > 0 || builder.outputs.length > 0 || document.actionInvocations > 0,
    categories: categoryCounts(changes),
    changes,
    drift,
    outputChanges: builder.outputs.length,
    outputs: builder.outputs,
    actionInvocations: document.actionInvocations,
    deferredChanges: document.deferredChanges,
    highRisk: changes.filter((c) => c.highRisk).length,
    findings: judged.findings,
    ...(judged.builtIn ? { builtInFindings: judged.builtIn } : {}),
    reviewPolicy: policySummary(policy),
    apiForecast: builder.api.forecast(options.rateLimits ?? ASSUMED_LIMITS),
    errored: document.errored,
    org: builder.orgHost
      ? { host: builder.orgHost, source: 'provider-block' }
      : orgFromEnvironment(options.env),
    plan: { formatVersion: document.formatVersion, terraformVersion: document.terraformVersion },
    planDigest: builder.fingerprint.planDigest(),
  };
  builder.scrubber.scrubInPlace(summary);
  return summary;
}

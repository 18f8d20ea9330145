// @ts-check
// registry.terraform.io/okta/okta served from this Node process over tfplugin6 (gRPC on a unix socket), for
// terraform to attach to with TF_REATTACH_PROVIDERS: the real terraform binary, offline, against an Okta org
// emulator. The wire contract is tfplugin6.proto (protocol 6.8, what terraform 1.11 speaks); values are msgpack
// cty (cty.mjs).
//
// Terraform gets no environment across: provider settings come from the provider block, or from the
// environment given here (default: this process's). One server serves every provider block of every command;
// ConfigureProvider replaces the client, so a configuration with two differently configured okta provider
// blocks (aliases) would share the last one.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { decodeDynamic, encodeDynamic } from './cty.mjs';
import { impliedType, nullState, plan, protoSchema, reconcile, validate } from './schema.mjs';
import { configure, providerSchema, validateProviderConfig } from './provider-config.mjs';
import { PartialError } from './mapping.mjs';
import { dataSources, resources } from './resources/index.mjs';

/** @typedef {import('./okta-client.mjs').OktaClient} OktaClient */
/** @typedef {{ severity: 'ERROR' | 'WARNING', summary: string, detail?: string, attribute?: { steps: object[] } }} Diagnostic */

/**
 * The tfplugin6 request fields the handlers read, as proto-loader decodes them (keepCase, bytes as Buffers, fields
 * not sent left out). type_name, id and name are what terraform always sends.
 * @typedef {{ msgpack?: Uint8Array | null, json?: Uint8Array | null }} DynamicValue
 * @typedef {{ config?: DynamicValue }} ConfigRequest  ValidateProviderConfig, ConfigureProvider
 * @typedef {{ type_name: string, config?: DynamicValue }} TypedConfigRequest  Validate*Config, ReadDataSource, ephemeral resources
 * @typedef {{ type_name: string, raw_state?: { json?: Uint8Array | null } | null }} UpgradeRequest
 * @typedef {{ type_name: string, current_state?: DynamicValue, private?: Uint8Array }} ReadRequest
 * @typedef {{ type_name: string, prior_state?: DynamicValue, proposed_new_state?: DynamicValue, config?: DynamicValue, prior_private?: Uint8Array }} PlanRequest
 * @typedef {{ type_name: string, prior_state?: DynamicValue, planned_state?: DynamicValue }} ApplyRequest
 * @typedef {{ type_name: string, id: string }} ImportRequest
 * @typedef {{ name: string }} CallFunctionRequest
 */

export const PROVIDER_ADDRESS = 'registry.terraform.io/okta/okta';

/**
 * The environment a terraform child runs in against this stand-in (through TF_REATTACH_PROVIDERS): PATH and HOME
 * only, and a CLI configuration of its own in `dir` (no checkpoint calls: there is no network).
 * @param {string} dir
 * @param {string} reattach the stand-in's `reattach`
 * @returns {Record<string, string>}
 */
export function standInTerraformEnv(dir, reattach) {
  writeFileSync(join(dir, 'cli.tfrc'), 'disable_checkpoint = true\n');
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    TF_CLI_CONFIG_FILE: join(dir, 'cli.tfrc'),
    TF_IN_AUTOMATION: '1',
    TF_REATTACH_PROVIDERS: reattach,
  };
}

const definition = protoLoader.loadSync(fileURLToPath(new URL('./tfplugin6.proto', import.meta.url)), {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: false,
  oneofs: true,
});
const tfplugin6 = /** @type {grpc.GrpcObject} */ (grpc.loadPackageDefinition(definition).tfplugin6);

/**
 * @param {string} summary
 * @param {string} [detail]
 * @param {(string | number)[]} [path]
 * @returns {Diagnostic}
 */
export function diagnostic(summary, detail = '', path) {
  /** @type {Diagnostic} */
  const d = { severity: 'ERROR', summary, detail };
  if (path) d.attribute = attributePath(path);
  return d;
}

/**
 * A tfplugin6.AttributePath: attribute names, and list indexes as element keys.
 * @param {(string | number)[]} path
 */
const attributePath = (path) => ({
  steps: path.map((s) => (typeof s === 'number' ? { element_key_int: s } : { attribute_name: s })),
});

const message = (/** @type {unknown} */ error) => (error instanceof Error ? error.message : String(error));

/**
 * Starts the provider. `socketDir` must be short: terraform (Go) refuses unix socket paths over 107 bytes.
 * @param {{ socketDir?: string, env?: Record<string, string | undefined> }} [options]
 */
export async function startOktaProvider({ socketDir = tmpdir(), env = process.env } = {}) {
  const dir = mkdtempSync(join(socketDir, 'okp-'));
  const socket = join(dir, 'p.sock');
  if (Buffer.byteLength(socket) > 107) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `socket path ${socket} is over 107 bytes: terraform could not dial it; pass a shorter socketDir`,
    );
  }
  /** @type {string[]} */
  const calls = [];
  /** @type {{ client: OktaClient | null, error: string | null }} */
  const state = { client: null, error: null };
  const handlers = providerHandlers(state, env);

  const server = new grpc.Server();
  /** @type {Record<string, grpc.handleUnaryCall<unknown, unknown>>} */
  const implementation = {};
  for (const [name, typed] of Object.entries(handlers)) {
    // gRPC decodes each method's own request message, which is what the handler of that name takes.
    const handler = /** @type {(request: unknown) => unknown} */ (typed);
    implementation[name] = (call, callback) => {
      calls.push(name);
      Promise.resolve(handler(call.request)).then(
        (response) => callback(null, response),
        (error) => callback({ code: grpc.status.INTERNAL, details: message(error) }),
      );
    };
  }
  const service = /** @type {grpc.ServiceClientConstructor} */ (tfplugin6.Provider).service;
  server.addService(service, implementation);
  await new Promise((resolve, reject) =>
    server.bindAsync(`unix:${socket}`, grpc.ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    ),
  );
  const reattach = JSON.stringify({
    [PROVIDER_ADDRESS]: {
      Protocol: 'grpc',
      ProtocolVersion: 6,
      // go-plugin watches this pid: it must be the live process serving the socket, i.e. this one.
      Pid: process.pid,
      // Without Test, terraform 1.11 takes the plugin for protocol 5; with it, terraform never stops us.
      Test: true,
      Addr: { Network: 'unix', String: socket },
    },
  });
  return {
    reattach,
    calls,
    socket,
    async stop() {
      server.forceShutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The RPCs, as functions of the decoded request.
 * @param {{ client: OktaClient | null, error: string | null }} state
 * @param {Record<string, string | undefined>} env
 */
function providerHandlers(state, env) {
  const resourceType = (/** @type {string} */ name) => {
    const type = resources[name];
    if (!type) throw new Error(`unknown resource type ${name}`);
    return { type, objectType: impliedType(type.schema) };
  };
  /** @returns {OktaClient} */
  const client = () => {
    if (state.client) return state.client;
    throw new Error(state.error ?? 'the okta provider was not configured');
  };
  /**
   * Runs a resource operation, turning a failure into the provider's diagnostic.
   * @template T
   * @param {string} summary
   * @param {() => Promise<T>} operation
   * @returns {Promise<{ value: T | null, diagnostics: Diagnostic[] }>}
   */
  const attempt = async (summary, operation) => {
    try {
      return { value: await operation(), diagnostics: [] };
    } catch (error) {
      const value = error instanceof PartialError ? /** @type {T} */ (error.values) : null;
      return { value, diagnostics: [diagnostic(summary, message(error))] };
    }
  };

  return {
    GetMetadata: () => ({
      server_capabilities: { plan_destroy: false, get_provider_schema_optional: false },
      resources: Object.keys(resources).map((type_name) => ({ type_name })),
      data_sources: Object.keys(dataSources).map((type_name) => ({ type_name })),
    }),
    GetProviderSchema: () => ({
      provider: protoSchema(providerSchema),
      resource_schemas: Object.fromEntries(
        Object.entries(resources).map(([n, r]) => [n, protoSchema(r.schema)]),
      ),
      data_source_schemas: Object.fromEntries(
        Object.entries(dataSources).map(([n, d]) => [n, protoSchema(d.schema)]),
      ),
      server_capabilities: { plan_destroy: false, get_provider_schema_optional: false },
    }),
    ValidateProviderConfig: (/** @type {ConfigRequest} */ req) => ({
      diagnostics: validateProviderConfig(decodeDynamic(req.config)).map((p) =>
        diagnostic(p.summary, '', [p.attribute]),
      ),
    }),
    ValidateResourceConfig: (/** @type {TypedConfigRequest} */ req) => {
      const { type } = resourceType(req.type_name);
      const config = decodeDynamic(req.config);
      const diagnostics = validate(type.schema, config).map((p) => diagnostic(p.summary, '', p.path));
      const problem = config && type.check?.(config);
      if (problem) diagnostics.push(diagnostic(problem));
      return { diagnostics };
    },
    ValidateDataResourceConfig: (/** @type {TypedConfigRequest} */ req) => {
      const source = dataSources[req.type_name];
      if (!source) return { diagnostics: [diagnostic(`unknown data source ${req.type_name}`)] };
      const config = decodeDynamic(req.config);
      return { diagnostics: validate(source.schema, config).map((p) => diagnostic(p.summary, '', p.path)) };
    },
    ConfigureProvider: async (/** @type {ConfigRequest} */ req) => {
      const result = await configure(decodeDynamic(req.config) ?? {}, env);
      if ('error' in result) {
        state.client = null;
        state.error = result.error;
        return { diagnostics: [diagnostic(result.error)] };
      }
      state.client = result.client;
      state.error = null;
      return { diagnostics: [] };
    },
    // One schema version: the stored JSON only needs shaping to the current attributes.
    UpgradeResourceState: (/** @type {UpgradeRequest} */ req) => {
      const { type, objectType } = resourceType(req.type_name);
      const raw = req.raw_state?.json ? JSON.parse(Buffer.from(req.raw_state.json).toString('utf8')) : null;
      return { upgraded_state: encodeDynamic(raw && nullState(type.schema, raw), objectType) };
    },
    ReadResource: async (/** @type {ReadRequest} */ req) => {
      const { type, objectType } = resourceType(req.type_name);
      // Terraform reads only objects it holds: the current state is never null here.
      const current = /** @type {Record<string, unknown>} */ (decodeDynamic(req.current_state));
      const { value, diagnostics } = await attempt(`failed to get ${type.noun}`, () =>
        type.read(client(), current),
      );
      // A 404 reads as null: terraform then drops the object from state and plans to create it again.
      const next = diagnostics.length ? current : value && reconcile(type.schema, value, current);
      return { new_state: encodeDynamic(next, objectType), diagnostics, private: req.private };
    },
    PlanResourceChange: (/** @type {PlanRequest} */ req) => {
      const { type, objectType } = resourceType(req.type_name);
      const prior = decodeDynamic(req.prior_state);
      const proposed = decodeDynamic(req.proposed_new_state);
      const config = decodeDynamic(req.config);
      if (proposed === null) return { planned_state: encodeDynamic(null, objectType) };
      const planned = plan(type.schema, prior, proposed, config ?? {});
      const hooked = type.planHook ? type.planHook(planned.planned, prior, config ?? {}) : planned.planned;
      return {
        planned_state: encodeDynamic(hooked, objectType),
        requires_replace: planned.requiresReplace.map(attributePath),
        planned_private: req.prior_private,
      };
    },
    ApplyResourceChange: async (/** @type {ApplyRequest} */ req) => {
      const { type, objectType } = resourceType(req.type_name);
      const prior = decodeDynamic(req.prior_state);
      const planned = decodeDynamic(req.planned_state);
      if (planned === null) {
        // No planned state: a destroy, of an object there is prior state for.
        const existing = /** @type {Record<string, unknown>} */ (prior);
        const { diagnostics } = await attempt(`failed to delete ${type.noun}`, () =>
          type.delete(client(), existing),
        );
        return { new_state: encodeDynamic(diagnostics.length ? prior : null, objectType), diagnostics };
      }
      const creating = prior === null;
      const { value, diagnostics } = await attempt(
        `failed to ${creating ? 'create' : 'update'} ${type.noun}`,
        () => (creating ? type.create(client(), planned) : type.update(client(), prior, planned)),
      );
      const next = value ? reconcile(type.schema, value, planned) : prior;
      return { new_state: encodeDynamic(next, objectType), diagnostics, private: Buffer.alloc(0) };
    },
    ImportResourceState: async (/** @type {ImportRequest} */ req) => {
      const { type, objectType } = resourceType(req.type_name);
      const { value, diagnostics } = await attempt(`failed to import ${type.noun}`, async () =>
        nullState(type.schema, type.importState ? type.importState(req.id) : { id: req.id }),
      );
      if (!value) return { diagnostics };
      // Defaults for what the API does not hold, so that the first plan after import has nothing to change.
      const state = reconcile(type.schema, {}, value);
      return { imported_resources: [{ type_name: req.type_name, state: encodeDynamic(state, objectType) }] };
    },
    ReadDataSource: async (/** @type {TypedConfigRequest} */ req) => {
      const source = dataSources[req.type_name];
      if (!source) return { diagnostics: [diagnostic(`unknown data source ${req.type_name}`)] };
      const objectType = impliedType(source.schema);
      // A data source is read with its configuration, an object.
      const config = /** @type {Record<string, unknown>} */ (decodeDynamic(req.config));
      const { value, diagnostics } = await attempt(`failed to get ${source.noun}`, () =>
        source.read(client(), config),
      );
      if (!value) return { diagnostics };
      // Arguments stay as configured; only computed attributes come from the API.
      const merged = Object.fromEntries(
        Object.entries(source.schema.attributes).map(([n, a]) => [
          n,
          a.computed ? (config[n] ?? value[n]) : config[n],
        ]),
      );
      return { state: encodeDynamic(merged, objectType), diagnostics };
    },
    MoveResourceState: () => ({
      diagnostics: [diagnostic('the okta provider does not support moved blocks across types')],
    }),
    ValidateEphemeralResourceConfig: (/** @type {TypedConfigRequest} */ req) => ({
      diagnostics: [diagnostic(`unknown ephemeral resource ${req.type_name}`)],
    }),
    OpenEphemeralResource: (/** @type {TypedConfigRequest} */ req) => ({
      diagnostics: [diagnostic(`unknown ephemeral resource ${req.type_name}`)],
    }),
    RenewEphemeralResource: () => ({ diagnostics: [] }),
    CloseEphemeralResource: () => ({ diagnostics: [] }),
    GetFunctions: () => ({ functions: {}, diagnostics: [] }),
    CallFunction: (/** @type {CallFunctionRequest} */ req) => ({
      error: { text: `unknown function ${req.name}` },
    }),
    StopProvider: () => ({ Error: '' }),
  };
}

// Writes an Okta-like `terraform show -json` plan of about `targetBytes`, a few percent of its objects changed, in
// Terraform 1.11's layout (planned_values, resource_changes, prior_state, configuration), without holding it in memory.
import { closeSync, openSync, writeSync } from 'node:fs';
import { oktaId, resourceChange } from '../testkit/okta-plan.mjs';

const PROVIDER = 'registry.terraform.io/okta/okta';
const DEPARTMENTS = ['Engineering', 'Sales', 'Finance', 'Support', 'Marketing', 'Legal', 'People', 'IT'];

/**
 * An object's attributes in the order Terraform writes them: sorted by name (cty's JSON encoding of an object), so
 * `id` comes among them, not first.
 */
function inTerraformOrder(values) {
  return Object.fromEntries(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Object number i of the org: a deterministic mix of users, groups, group rules, apps and assignments. */
function orgObjectAt(i, changedEvery) {
  const kind = i % 20;
  const dept = DEPARTMENTS[i % DEPARTMENTS.length];
  let type;
  let values;
  if (kind < 11) {
    type = 'okta_user';
    values = {
      id: oktaId('00u', i),
      login: `user${i}@acme.example`,
      email: `user${i}@acme.example`,
      first_name: `First${i}`,
      last_name: `Last${i}`,
      display_name: `First${i} Last${i}`,
      department: dept,
      title: 'Senior Specialist',
      employee_number: String(100000 + i),
      manager_id: oktaId('00u', i - 1),
      mobile_phone: '+1 555 0100',
      city: 'Springfield',
      country_code: 'US',
      status: 'ACTIVE',
      user_type: 'default',
      custom_profile_attributes: JSON.stringify({ costCenter: `CC-${i % 97}`, building: `B${i % 7}` }),
      password: null,
      recovery_answer: null,
      skip_roles: true,
    };
  } else if (kind < 15) {
    type = 'okta_group';
    values = {
      id: oktaId('00g', i),
      name: `${dept} team ${i}`,
      description: `Members of the ${dept} team ${i}`,
      custom_profile_attributes: '{}',
      skip_users: false,
    };
  } else if (kind < 17) {
    type = 'okta_group_rule';
    values = {
      id: oktaId('0pr', i),
      name: `${dept} rule ${i}`,
      status: 'ACTIVE',
      expression_type: 'urn:okta:expression:1.0',
      expression_value: `user.department=="${dept}" AND user.employee_number != "${i}"`,
      group_assignments: [oktaId('00g', i - 1)],
      users_excluded: [],
      remove_assigned_users: false,
    };
  } else if (kind < 19) {
    type = 'okta_app_group_assignment';
    values = {
      id: oktaId('0ua', i),
      app_id: oktaId('0oa', i % 50),
      group_id: oktaId('00g', i - 2),
      priority: i % 10,
      profile: '{}',
      retain_assignment: false,
    };
  } else {
    type = 'okta_app_oauth';
    values = {
      id: oktaId('0oa', i),
      label: `App ${i}`,
      type: 'web',
      grant_types: ['authorization_code', 'refresh_token'],
      redirect_uris: [`https://app${i}.acme.example/callback`],
      response_types: ['code'],
      client_id: oktaId('0oa', i),
      client_secret: 'secret-value-that-is-sensitive',
      token_endpoint_auth_method: 'client_secret_basic',
      consent_method: 'TRUSTED',
      status: 'ACTIVE',
    };
  }
  values = inTerraformOrder(values);
  const object = {
    type,
    name: type.replace('okta_', 'all_'),
    key: `k${i}`,
    before: values,
    after: values,
    sensitive:
      type === 'okta_user'
        ? ['password', 'recovery_answer']
        : type === 'okta_app_oauth'
          ? ['client_secret']
          : [],
  };
  if (i % changedEvery === 0) {
    const change = (i / changedEvery) % 10;
    if (change < 6)
      object.after = {
        ...values,
        [type === 'okta_app_oauth' ? 'label' : type === 'okta_user' ? 'title' : 'name']: `Changed ${i}`,
      };
    else if (change < 8) object.before = null;
    else if (change < 9) object.after = null;
    else object.actions = ['delete', 'create'];
  }
  return object;
}

/** Object i of an org being imported: as in Okta, and as configured (one in ten configured differently). */
function importedAt(i) {
  const o = orgObjectAt(i, Number.MAX_SAFE_INTEGER);
  const values = o.before;
  const after = i % 10 === 0 ? inTerraformOrder({ ...values, description: `Configured ${i}` }) : values;
  return { ...o, before: values, after, actions: i % 10 === 0 ? ['update'] : ['no-op'], importing: true };
}

function stateEntry(o, values) {
  return {
    address: `${o.type}.${o.name}[${JSON.stringify(o.key)}]`,
    mode: 'managed',
    type: o.type,
    name: o.name,
    index: o.key,
    provider_name: PROVIDER,
    schema_version: 0,
    values,
    sensitive_values: {},
  };
}

class Writer {
  constructor(path) {
    this.fd = openSync(path, 'w');
    this.parts = [];
    this.pending = 0;
    this.bytes = 0;
  }
  write(text) {
    this.parts.push(text);
    this.pending += text.length;
    if (this.pending > 1 << 20) this.flush();
  }
  flush() {
    const buf = Buffer.from(this.parts.join(''));
    writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.parts = [];
    this.pending = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
  }
}

/**
 * Writes the plan; returns its size and how many objects it has and changes. With `importCount`, the plan is an
 * initial import of an existing org instead: that many objects, each with an `import` block (Terraform 1.5+:
 * change.importing, actions no-op, or update for the one in ten whose configuration differs from Okta), nothing
 * in prior state yet.
 */
export function generatePlan(path, targetBytes, changedPercent = 3, importCount = 0) {
  const changedEvery = Math.max(1, Math.round(100 / changedPercent));
  // Each object is written three times (planned_values, resource_changes, prior_state): about 2.4 KB in all.
  const count = importCount || Math.max(20, Math.round(targetBytes / 2400));
  const objectAt = importCount ? importedAt : orgObjectAt;
  const out = new Writer(path);
  out.write('{"format_version":"1.2","terraform_version":"1.11.4"');
  out.write(',"planned_values":{"root_module":{"resources":[');
  let first = true;
  for (let i = 1; i <= count; i++) {
    const o = objectAt(i, changedEvery);
    if (!o.after) continue;
    out.write((first ? '' : ',') + JSON.stringify(stateEntry(o, o.after)));
    first = false;
  }
  out.write(']}}');
  out.write(',"resource_changes":[');
  for (let i = 1; i <= count; i++)
    out.write((i > 1 ? ',' : '') + JSON.stringify(resourceChange(objectAt(i, changedEvery))));
  out.write(
    '],"prior_state":{"format_version":"1.0","terraform_version":"1.11.4","values":{"root_module":{"resources":[',
  );
  first = true;
  for (let i = 1; i <= count; i++) {
    const o = objectAt(i, changedEvery);
    if (!o.before || o.importing) continue;
    out.write((first ? '' : ',') + JSON.stringify(stateEntry(o, o.before)));
    first = false;
  }
  const config = [
    'okta_user',
    'okta_group',
    'okta_group_rule',
    'okta_app_group_assignment',
    'okta_app_oauth',
  ].map((type) => ({
    address: `${type}.${type.replace('okta_', 'all_')}`,
    mode: 'managed',
    type,
    name: type.replace('okta_', 'all_'),
    provider_config_key: 'okta',
    expressions: {},
    schema_version: 0,
    for_each_expression: { references: ['local.objects'] },
  }));
  out.write(
    `]}}},"configuration":${JSON.stringify({ provider_config: { okta: { name: 'okta', full_name: PROVIDER, expressions: { org_name: { constant_value: 'acme' }, base_url: { constant_value: 'okta.com' } } } }, root_module: { resources: config } })}`,
  );
  out.write(',"timestamp":"2026-11-28T12:00:00Z","applyable":true,"complete":true,"errored":false}\n');
  out.close();
  return { bytes: out.bytes, objects: count, changed: importCount || Math.floor(count / changedEvery) };
}

// @ts-check
// The org bench:okta and the measured-calls tests plan: groups, group rules, OIDC apps and network zones in the
// bench's proportions, plus SAML apps each with an okta_app_group_assignments of two groups (the rate-limit worked
// example in ../shared/okta/rate-limits.md is 150 of them). `edition` changes the description of the first
// `edited` groups, so one org gives the changes of successive pull requests.

/**
 * @typedef {{ okta_group: number, okta_group_rule: number, okta_app_oauth: number, okta_network_zone: number,
 *   okta_app_saml: number }} OrgCounts
 */

/**
 * @param {number} total objects besides the SAML apps and their assignments
 * @param {number} saml SAML apps
 * @returns {OrgCounts}
 */
export function benchCounts(total, saml) {
  const okta_group = Math.round(total * 0.8);
  const okta_group_rule = Math.round(total * 0.1);
  const okta_app_oauth = Math.round(total * 0.05);
  const okta_network_zone = total - okta_group - okta_group_rule - okta_app_oauth;
  return { okta_group, okta_group_rule, okta_app_oauth, okta_network_zone, okta_app_saml: saml };
}

/**
 * @param {OrgCounts} counts
 * @param {{ provider?: string, backend?: string, edited?: number, edition?: number }} [options]
 */
export function benchConfiguration(counts, options = {}) {
  const { provider = 'provider "okta" {}\n', backend = '', edited = 0, edition = 0 } = options;
  const blocks = [
    `terraform {\n  required_providers {\n    okta = { source = "okta/okta" }\n  }\n${backend}}\n\n${provider}`,
  ];
  for (let i = 0; i < counts.okta_group; i++) {
    const description = i < edited ? `Bench group ${i}, edition ${edition}` : `Bench group ${i}`;
    blocks.push(
      `resource "okta_group" "g${i}" {\n  name        = "Team ${i}"\n  description = "${description}"\n}\n`,
    );
  }
  for (let i = 0; i < counts.okta_group_rule; i++) {
    blocks.push(
      `resource "okta_group_rule" "r${i}" {\n  name              = "Rule ${i}"\n  status            = "ACTIVE"\n` +
        `  group_assignments = [okta_group.g${i}.id]\n  expression_value  = "user.department==\\"D${i}\\""\n}\n`,
    );
  }
  for (let i = 0; i < counts.okta_app_oauth; i++) {
    blocks.push(
      `resource "okta_app_oauth" "a${i}" {\n  label          = "App ${i}"\n  type           = "web"\n` +
        `  grant_types    = ["authorization_code"]\n  response_types = ["code"]\n` +
        `  redirect_uris  = ["https://app${i}.example/callback"]\n}\n`,
    );
  }
  for (let i = 0; i < counts.okta_network_zone; i++) {
    blocks.push(
      `resource "okta_network_zone" "z${i}" {\n  name     = "Zone ${i}"\n  type     = "IP"\n  gateways = ["10.${i >> 8}.${i & 255}.0/24"]\n}\n`,
    );
  }
  for (let i = 0; i < counts.okta_app_saml; i++) {
    blocks.push(
      `resource "okta_app_saml" "s${i}" {\n  label = "SAML ${i}"\n  sso_url = "https://sp${i}.example/acs"\n` +
        `  recipient = "https://sp${i}.example/acs"\n  destination = "https://sp${i}.example/acs"\n` +
        `  audience = "https://sp${i}.example"\n  subject_name_id_template = "$\${user.userName}"\n` +
        `  subject_name_id_format = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"\n` +
        `  response_signed = true\n  signature_algorithm = "RSA_SHA256"\n  digest_algorithm = "SHA256"\n` +
        `  honor_force_authn = false\n` +
        `  authn_context_class_ref = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"\n}\n`,
      `resource "okta_app_group_assignments" "s${i}" {\n  app_id = okta_app_saml.s${i}.id\n` +
        `  group {\n    id = okta_group.g${(2 * i) % counts.okta_group}.id\n  }\n` +
        `  group {\n    id = okta_group.g${(2 * i + 1) % counts.okta_group}.id\n  }\n}\n`,
    );
  }
  return blocks.join('\n');
}

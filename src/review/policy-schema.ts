// The JSON Schema of a review policy file (.okta-review.yml), published as schemas/okta-review.schema.json (a test
// checks the two are the same) so that editors validate the file as it is written.

import { SEVERITIES } from './findings.js';

export const RULE_IDS = [
  'mfa-weakened',
  'priority-shadowing',
  'long-session',
  'admin-granted',
  'idp-changed',
  'broad-api-scope',
  'zone-whole-internet',
  'guardrail-off',
  'password-weakened',
  'weak-authenticator',
  'oauth-client-risk',
  'destructive-replace',
  'deletion-side-effect',
  'access-removed',
  'hook-destination',
  'provider-hazard',
  'type-risk',
] as const;

const hosts = {
  type: 'array',
  items: { type: 'string', pattern: '^(\\*\\.)?[A-Za-z0-9.-]+(:\\d+)?$' },
  description: 'Host names, or *.domain for every host under it.',
};

export const POLICY_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/okta-terraform-action/schemas/okta-review.schema.json',
  title: 'Okta review policy (.okta-review.yml)',
  type: 'object',
  additionalProperties: false,
  properties: {
    version: { const: 1, description: 'The policy format: 1.' },
    rules: {
      type: 'object',
      description: 'Per rule id: off, or a severity, or { enabled, severity }.',
      propertyNames: { enum: RULE_IDS },
      additionalProperties: {
        oneOf: [
          { enum: ['off', ...SEVERITIES] },
          {
            type: 'object',
            additionalProperties: false,
            properties: { enabled: { type: 'boolean' }, severity: { enum: SEVERITIES } },
          },
        ],
      },
    },
    allow: {
      type: 'object',
      additionalProperties: false,
      properties: {
        'hook-hosts': {
          ...hosts,
          description: 'Where event hooks, inline hooks and log streams may send data.',
        },
        'redirect-hosts': { ...hosts, description: 'OAuth redirect URI hosts that are not findings.' },
        'trusted-cidrs': {
          type: 'array',
          items: { type: 'string' },
          description: 'Network zone entries (CIDRs or ranges) that are yours, however broad.',
        },
        'admin-roles-for-groups': {
          type: 'array',
          items: { type: 'string', pattern: '^[A-Z_]+$' },
          description:
            'Admin roles a group may be given without a finding (READ_ONLY_ADMIN, HELP_DESK_ADMIN...).',
        },
      },
    },
  },
  required: ['version'],
} as const;

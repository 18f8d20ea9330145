// The JSON Schema of an approval policy (.github/okta-approvals.yml), published as schemas/okta-approvals.schema.json
// (a test checks the two are the same) so that editors validate the file as it is written. Its shape follows what
// teams know from Terrateam's apply requirements (any_of / all_of / any_of_count over users and teams), matched by
// what the plan changes instead of by directory.

import { CATEGORY_ORDER } from '../okta/catalog.js';
import { RULE_IDS } from '../review/policy-schema.js';

const APPROVER = '^@?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:/[A-Za-z0-9._-]+)?$';

const approvers = {
  type: 'array',
  minItems: 1,
  items: { type: 'string', pattern: APPROVER },
  description: 'GitHub users (alice or @alice) and teams (acme/okta-security or @acme/okta-security).',
};

const require = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  description:
    'Who must approve: any-of (count of them, default 1), all-of (each of them), or a count of writers.',
  properties: {
    'any-of': {
      ...approvers,
      description: 'Approvals from `count` (default 1) people among these users and teams.',
    },
    'all-of': {
      ...approvers,
      description: 'An approval from each: a user, or one member of a team, each a different person.',
    },
    count: {
      type: 'integer',
      minimum: 1,
      maximum: 10,
      description:
        'How many different people: among any-of, or among everyone with write access when any-of is absent.',
    },
  },
};

const strings = (description: string, items: Record<string, unknown> = { type: 'string' }) => ({
  type: 'array',
  minItems: 1,
  items,
  description,
});

export const ACTIONS = ['create', 'update', 'replace', 'delete', 'import'] as const;
export const LEVEL_NAMES = ['critical', 'high', 'medium', 'low'] as const;

export const APPROVALS_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/okta-terraform-action/schemas/okta-approvals.schema.json',
  title: 'Okta approval policy (.github/okta-approvals.yml)',
  type: 'object',
  additionalProperties: false,
  properties: {
    version: { const: 1, description: 'The policy format: 1.' },
    rules: {
      type: 'array',
      description:
        'Each rule: the changes it matches, and whose approvals they need. Every matching rule applies.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'match', 'require'],
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 80, description: 'Shown on the pull request.' },
          match: {
            type: 'object',
            additionalProperties: false,
            minProperties: 1,
            description: 'A change matches when it matches every key given (any value of a key).',
            properties: {
              categories: strings('Okta categories, as the review names them.', { enum: CATEGORY_ORDER }),
              types: strings('okta/okta resource types.', { type: 'string', pattern: '^[a-z][a-z0-9_]*$' }),
              actions: strings('What the plan does to the object.', { enum: ACTIONS }),
              findings: strings('Security finding rules (built-in rules judge this).', { enum: RULE_IDS }),
              severity: {
                enum: LEVEL_NAMES,
                description: 'Changes of this severity or worse, on the one scale.',
              },
              orgs: {
                type: 'object',
                additionalProperties: false,
                minProperties: 1,
                description:
                  "The org targets this rule is for (the run's, not the change's): any value of each key.",
                properties: {
                  directories: strings('working-directory, relative to the repository.'),
                  workspaces: strings('Terraform workspaces.'),
                  labels: strings('The target label input (one per org in a matrix).'),
                },
              },
            },
          },
          require,
        },
      },
    },
    'policy-changes': {
      ...require,
      description:
        'What a pull request that edits this file needs. Default: what every rule of the policy needs, together.',
    },
  },
  required: ['version', 'rules'],
} as const;

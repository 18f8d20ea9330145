// Every built-in rule, by what it looks at (the rows of ../shared/okta/security-checks.md).

import type { Rule } from '../engine.js';
import { APP_RULES } from './apps.js';
import { CREDENTIAL_RULES } from './credentials.js';
import { HOOK_RULES } from './hooks.js';
import { NETWORK_RULES } from './network.js';
import { PRIVILEGE_RULES } from './privilege.js';
import { SIGN_ON_RULES } from './sign-on.js';

export const ALL_RULES: readonly Rule[] = [
  ...SIGN_ON_RULES,
  ...PRIVILEGE_RULES,
  ...NETWORK_RULES,
  ...CREDENTIAL_RULES,
  ...APP_RULES,
  ...HOOK_RULES,
];

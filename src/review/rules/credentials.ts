// Passwords and authenticators (security-checks.md rows 9 and 11): a weaker password policy, self-service unlock,
// strong authenticators turned off, phishable ones made required. The 12-character floor is NIST SP 800-63B's
// recommendation for single-factor passwords that Okta's own guidance follows.

import type { Rule, RuleHit } from '../engine.js';
import { flag, number, text } from './values.js';

const MIN_LENGTH = 12;
const COMPLEXITY = [
  'password_min_lowercase',
  'password_min_uppercase',
  'password_min_number',
  'password_min_symbol',
];

const passwordWeakened: Rule = {
  id: 'password-weakened',
  types: ['okta_policy_password', 'okta_policy_password_default', 'okta_policy_rule_password'],
  check({ type, before, after }) {
    if (!after) return null;
    const said: string[] = [];
    const attributes: string[] = [];
    const note = (text: string, attribute: string): void => {
      said.push(text);
      attributes.push(attribute);
    };
    if (type === 'okta_policy_rule_password') {
      // ALLOW or DENY (the provider's default).
      if (text(after, 'password_unlock') === 'ALLOW' && text(before, 'password_unlock') !== 'ALLOW')
        note('users unlock their own accounts (self-service unlock)', 'password_unlock');
    } else {
      const length = number(after, 'password_min_length');
      const was = number(before, 'password_min_length');
      if (length !== null && length < MIN_LENGTH && (was === null || length < was))
        note(`passwords as short as ${length} characters`, 'password_min_length');
      const history = number(after, 'password_history_count');
      const hadHistory = number(before, 'password_history_count');
      if (history !== null && hadHistory !== null && history < hadHistory)
        note(`old passwords reused sooner (history ${hadHistory} → ${history})`, 'password_history_count');
      const lockout = number(after, 'password_max_lockout_attempts');
      const hadLockout = number(before, 'password_max_lockout_attempts');
      if (lockout === 0 && hadLockout !== 0)
        note('no lockout after failed attempts', 'password_max_lockout_attempts');
      else if (lockout !== null && hadLockout !== null && hadLockout > 0 && lockout > hadLockout)
        note(`more guesses before lockout (${hadLockout} → ${lockout})`, 'password_max_lockout_attempts');
      const unlock = number(after, 'password_auto_unlock_minutes');
      if (unlock !== null && unlock > 0 && !number(before, 'password_auto_unlock_minutes'))
        note(`locked accounts unlock themselves after ${unlock} minutes`, 'password_auto_unlock_minutes');
      for (const rule of COMPLEXITY) {
        if (number(before, rule) === 1 && number(after, rule) === 0)
          note(`${rule.replace('password_min_', '')} characters no longer required`, rule);
      }
      if (
        flag(before, 'password_dictionary_lookup') === true &&
        flag(after, 'password_dictionary_lookup') === false
      )
        note('common passwords allowed (dictionary lookup off)', 'password_dictionary_lookup');
    }
    if (said.length === 0) return null;
    return { severity: 'medium', message: `Weaker passwords: ${said.join('; ')}.`, attributes };
  },
};

/** Phishing-resistant or app-based authenticators, by key: turning them off leaves weaker factors. */
const STRONG = new Set(['okta_verify', 'webauthn', 'smart_card_idp', 'yubikey_token']);
/** Factors that can be phished or intercepted, as okta_policy_mfa names them. */
const WEAK_FACTORS = ['okta_sms', 'okta_call', 'okta_email', 'phone_number'];

const weakAuthenticator: Rule = {
  id: 'weak-authenticator',
  types: ['okta_authenticator', 'okta_policy_mfa'],
  check({ type, action, before, after }): RuleHit | null {
    if (type === 'okta_authenticator') {
      const key = text(after ?? before, 'key') ?? '';
      if (!STRONG.has(key)) return null;
      const off =
        action === 'delete' ||
        (text(before, 'status') !== 'INACTIVE' && text(after, 'status') === 'INACTIVE');
      return off
        ? {
            severity: 'medium',
            message: `A strong authenticator (${key}) is turned off: its users fall back to weaker factors.`,
            attributes: ['key', 'status'],
          }
        : null;
    }
    const enroll = (object: typeof before, factor: string): string | null => {
      const settings = object?.[factor];
      return settings !== null && typeof settings === 'object'
        ? text(settings as Record<string, unknown>, 'enroll')
        : null;
    };
    const required = WEAK_FACTORS.filter(
      (f) => enroll(after, f) === 'REQUIRED' && enroll(before, f) !== 'REQUIRED',
    );
    return required.length
      ? {
          severity: 'medium',
          message: `Phishable factors made required: ${required.join(', ')}.`,
          attributes: required,
        }
      : null;
  },
};

export const CREDENTIAL_RULES: readonly Rule[] = [passwordWeakened, weakAuthenticator];

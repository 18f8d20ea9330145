// Sign-on rules (security-checks.md rows 1 and 10): a second factor dropped or loosened, sessions made long.
// Okta's values: factor_mode 1FA/2FA; mfa_prompt DEVICE < SESSION < ALWAYS (how often MFA is asked); a session
// lifetime of 0 minutes is no limit (Okta's maxSessionLifetimeMinutes).

import type { Rule, RuleChange, RuleHit } from '../engine.js';
import { durationMinutes, flag, number, strings, text } from './values.js';

const APP_RULE = 'okta_app_signon_policy_rule';
const SIGNON_RULE = 'okta_policy_rule_signon';
const PROMPT_STRENGTH: Readonly<Record<string, number>> = { DEVICE: 1, SESSION: 2, ALWAYS: 3 };

/** No group, user or user type condition: the rule applies to everyone its policy applies to. */
function appliesToEveryone(change: RuleChange): boolean {
  return ['groups_included', 'users_included', 'user_types_included'].every(
    (a) => strings(change.after, a).length === 0,
  );
}

const mfaWeakened: Rule = {
  id: 'mfa-weakened',
  types: [APP_RULE, SIGNON_RULE],
  check(change) {
    const { before, after } = change;
    if (!after) return null;
    if (change.type === APP_RULE) {
      const allows = text(after, 'access') !== 'DENY';
      if (text(after, 'factor_mode') === '1FA' && allows && text(before, 'factor_mode') !== '1FA') {
        const who = appliesToEveryone(change) ? 'everyone the policy covers' : 'the users it covers';
        return {
          severity: 'critical',
          message: before
            ? `Second factor dropped: factor_mode 2FA → 1FA, a password alone now signs in ${who}.`
            : `A rule that lets ${who} sign in with one factor (factor_mode 1FA).`,
          attributes: ['factor_mode', 'access', 'groups_included'],
        };
      }
      const was = durationMinutes(text(before, 're_authentication_frequency'));
      const now = durationMinutes(text(after, 're_authentication_frequency'));
      if (before && was !== null && now !== null && now > was) {
        return {
          severity: 'high',
          message: `Re-authentication asked less often: every ${text(before, 're_authentication_frequency')} → every ${text(after, 're_authentication_frequency')}.`,
          attributes: ['re_authentication_frequency'],
        };
      }
      return null;
    }
    if (flag(before, 'mfa_required') === true && flag(after, 'mfa_required') === false) {
      return {
        severity: 'critical',
        message:
          'MFA no longer required: mfa_required true → false, sign-ins under this rule take a password alone.',
        attributes: ['mfa_required', 'access'],
      };
    }
    const promptBefore = PROMPT_STRENGTH[text(before, 'mfa_prompt') ?? ''];
    const promptAfter = PROMPT_STRENGTH[text(after, 'mfa_prompt') ?? ''];
    if (flag(after, 'mfa_required') && promptBefore && promptAfter && promptAfter < promptBefore) {
      return {
        severity: 'critical',
        message: `MFA asked less often: mfa_prompt ${text(before, 'mfa_prompt')} → ${text(after, 'mfa_prompt')}.`,
        attributes: ['mfa_prompt'],
      };
    }
    return null;
  },
};

/** A number attribute set (or changed) to more than `limit`. */
function raisedPast(change: RuleChange, attribute: string, limit: number): boolean {
  const now = number(change.after, attribute);
  return now !== null && now !== number(change.before, attribute) && now > limit;
}

const longSession: Rule = {
  id: 'long-session',
  types: [SIGNON_RULE, APP_RULE],
  check(change): RuleHit | null {
    const { before, after } = change;
    if (!after) return null;
    const said: string[] = [];
    const attributes: string[] = [];
    if (change.type === SIGNON_RULE) {
      const lifetime = number(after, 'session_lifetime');
      if (lifetime === 0 && number(before, 'session_lifetime') !== 0) {
        said.push('sessions never expire (session_lifetime 0)');
        attributes.push('session_lifetime');
      } else if (raisedPast(change, 'session_lifetime', 1440)) {
        said.push(`sessions last ${lifetime} minutes (over a day)`);
        attributes.push('session_lifetime');
      }
      if (raisedPast(change, 'session_idle', 120)) {
        said.push(`idle sessions last ${number(after, 'session_idle')} minutes (over two hours)`);
        attributes.push('session_idle');
      }
      if (flag(after, 'session_persistent') === true && flag(before, 'session_persistent') !== true) {
        said.push('sessions survive closing the browser (session_persistent)');
        attributes.push('session_persistent');
      }
    } else {
      const idle = durationMinutes(text(after, 'inactivity_period'));
      if (
        idle !== null &&
        idle > 120 &&
        text(after, 'inactivity_period') !== text(before, 'inactivity_period')
      ) {
        said.push(
          `an app session stays signed in after ${text(after, 'inactivity_period')} idle (over two hours)`,
        );
        attributes.push('inactivity_period');
      }
    }
    if (said.length === 0) return null;
    return { severity: 'medium', message: `Long sessions: ${said.join('; ')}.`, attributes };
  },
};

export const SIGN_ON_RULES: readonly Rule[] = [mfaWeakened, longSession];

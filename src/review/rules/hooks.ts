// Where Okta sends data (security-checks.md row 14): event hooks, inline hooks and log streams pointed at a new
// host. A password-import inline hook receives every user's password in clear at their first sign-in.

import type { Rule } from '../engine.js';
import { hostAllowed } from '../policy.js';
import { nested, text } from './values.js';

const PASSWORD_IMPORT = 'com.okta.user.credential.password.import';

/** The host of a hook's channel URI (channel is an object, or channel_json a JSON string). */
function hookHost(object: Readonly<Record<string, unknown>> | null): string | null {
  let uri = text(nested(object, 'channel'), 'uri');
  const json = text(object, 'channel_json');
  if (!uri && json) {
    try {
      const channel: unknown = JSON.parse(json);
      const config = (channel as { config?: { uri?: unknown } } | null)?.config;
      uri = typeof config?.uri === 'string' ? config.uri : null;
    } catch {
      uri = null;
    }
  }
  if (!uri) return null;
  try {
    return new URL(uri).host;
  } catch {
    return uri;
  }
}

/** Where a log stream sends the System Log: a Splunk host, or an AWS account and region. */
function streamTarget(object: Readonly<Record<string, unknown>> | null): string | null {
  const settings = nested(object, 'settings');
  const host = text(settings, 'host');
  if (host) return host;
  const account = text(settings, 'account_id');
  return account ? `AWS account ${account} (${text(settings, 'region') ?? 'no region'})` : null;
}

const dataLeavesOkta: Rule = {
  id: 'hook-destination',
  types: ['okta_event_hook', 'okta_inline_hook', 'okta_log_stream'],
  check({ type, before, after, allow }) {
    if (!after) return null;
    const target = type === 'okta_log_stream' ? streamTarget : hookHost;
    const now = target(after);
    if (!now || now === target(before) || hostAllowed(now, allow.hookHosts)) return null;
    const what =
      type === 'okta_log_stream'
        ? 'the System Log (every sign-in and admin action)'
        : type === 'okta_event_hook'
          ? 'events'
          : 'requests';
    if (type === 'okta_inline_hook' && text(after, 'type') === PASSWORD_IMPORT)
      return {
        severity: 'high',
        message: `A password import hook sends users' passwords, in clear, to ${now}.`,
        attributes: ['channel', 'type'],
      };
    return {
      severity: 'medium',
      message: `Okta sends ${what} to ${now}${before ? ` (was ${target(before) ?? 'nowhere'})` : ''}.`,
      attributes: type === 'okta_log_stream' ? ['settings', 'type'] : ['channel', 'channel_json'],
    };
  },
};

export const HOOK_RULES: readonly Rule[] = [dataLeavesOkta];

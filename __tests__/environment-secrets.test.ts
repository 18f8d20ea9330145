// Which values of the runner's environment the run treats as credentials (issue 28 b).

import { describe, expect, it } from '@jest/globals';
import { environmentSecrets } from '../src/environment-secrets.js';
import { SecretScrubber } from '../src/plan/redact.js';

describe('environment secrets', () => {
  it('takes credentials by name, and leaves settings and short values alone', () => {
    const env = {
      TF_VAR_okta_api_token: '00abcdefghijklmnopqrstuvwxyz',
      TF_VAR_region: 'us-east-1',
      TF_VAR_env: 'prod',
      OKTA_API_TOKEN: 'short', // okta/okta's own credential: whatever its length
      OKTA_ORG_NAME: 'acme-corporation',
      OKTA_BASE_URL: 'oktapreview.com',
      OKTA_API_SCOPES: 'okta.groups.manage,okta.apps.manage',
      OKTA_HTTP_PROXY: 'http://proxy-user:proxy-p4ssw0rd@127.0.0.1:3128',
      OKTA_CLIENT_ORGURL_SECRETISH: 'okta-client-value-1',
      GITHUB_TOKEN: 'ghs_0123456789abcdef',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG',
      PGPASSWORD: 'postgres-pass-1',
      DEPLOY_API_KEY: 'key-0123456789',
      'INPUT_PLAN-ENCRYPTION-KEY': 'k'.repeat(32),
      MONKEY_BUSINESS: 'not-a-credential-at-all',
      KEYBOARD_LAYOUT: 'us-international',
      GOOGLE_APPLICATION_CREDENTIALS: '/home/runner/creds.json',
      ACTIONS_RUNTIME_TOKEN: 'eyJ0eXAiOiJKV1QiLCJhbGciOi',
      HOME: '/home/runner',
    };
    expect(environmentSecrets(env).sort()).toEqual(
      [
        '00abcdefghijklmnopqrstuvwxyz',
        'us-east-1',
        'short',
        'proxy-p4ssw0rd',
        'proxy-user:proxy-p4ssw0rd',
        'okta-client-value-1',
        'ghs_0123456789abcdef',
        'wJalrXUtnFEMI/K7MDENG',
        'postgres-pass-1',
        'key-0123456789',
        'k'.repeat(32),
        '/home/runner/creds.json',
        'eyJ0eXAiOiJKV1QiLCJhbGciOi',
      ].sort(),
    );
  });

  it('learns each line of a PEM key, and each value as Terraform echoes it inside JSON', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';
    const scrubber = new SecretScrubber();
    for (const secret of environmentSecrets({ SIGNING_PRIVATE_KEY: pem, TF_VAR_pass: 'pa"ss\\word-1' }))
      scrubber.add(secret);
    expect(scrubber.scrub('key line MIIEvQIBADANBgkqhkiG9w0BAQEFAASC here')).toBe('key line (redacted) here');
    expect(scrubber.scrub('error: cannot convert "pa\\"ss\\\\word-1" to number')).toBe(
      'error: cannot convert "(redacted)" to number',
    );
  });
});

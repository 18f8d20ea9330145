// Secrets never reach the summary or the review: values Terraform marks sensitive, secrets the okta/okta provider
// does not mark, and literals in provider blocks, wherever they turn up.

import { describe, expect, it } from '@jest/globals';
import { isSecretPath, SecretScrubber, urlCredentials } from '../../src/plan/redact.js';
import { COMMENT_BUDGET, renderReview, STEP_SUMMARY_BUDGET } from '../../src/render/review.js';
import { oktaPlan, summarizeObject } from '../../testkit/plans.js';

const SECRETS = {
  password: 'Winter-is-coming-2026!',
  clientSecret: 'cs_9Yq2-very-secret-client-secret',
  oldClientSecret: 'cs_old-secret-value-4711',
  hookToken: 'Bearer hook-token-8c1f2e',
  hookHeader: 'x-api-key-5b7d9e',
  privateKey: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----',
  smtpPassword: 'smtp-pass-3e5f',
  apiToken: '00SSWS-provider-literal-token-abc',
  providerKey: '-----BEGIN RSA PRIVATE KEY-----provider-key-body',
};

const hook = (token: string) => ({
  id: 'cal1',
  name: 'Registration hook',
  type: 'com.okta.user.pre-registration',
  version: '1.0.0',
  channel: { type: 'HTTP', uri: 'https://hooks.acme.example/registration', version: '1.0.0', method: 'POST' },
  auth: { key: 'Authorization', type: 'HEADER', value: token },
  headers: [{ key: 'X-Api-Key', value: SECRETS.hookHeader }],
});

const plan = oktaPlan({
  provider: {
    org_name: 'acme',
    base_url: 'okta.com',
    api_token: SECRETS.apiToken,
    private_key: SECRETS.providerKey,
  },
  objects: [
    {
      type: 'okta_user',
      name: 'jdoe',
      before: null,
      after: { id: null, login: 'jdoe@acme.example', email: 'jdoe@acme.example', password: SECRETS.password },
      unknown: ['id'],
      sensitive: ['password'],
    },
    {
      type: 'okta_app_oauth',
      name: 'portal',
      before: { id: '0oa1', label: 'Portal', client_secret: SECRETS.oldClientSecret },
      after: { id: '0oa1', label: 'Portal', client_secret: SECRETS.clientSecret },
      sensitive: ['client_secret'],
    },
    {
      type: 'okta_inline_hook',
      name: 'registration',
      before: hook('Bearer old-hook-token'),
      after: hook(SECRETS.hookToken),
    },
    {
      type: 'okta_domain_certificate',
      name: 'login',
      before: null,
      after: {
        id: null,
        domain_id: 'OcD1',
        type: 'PEM',
        certificate: 'PUBLIC CERT',
        private_key: SECRETS.privateKey,
      },
      unknown: ['id'],
    },
    {
      type: 'okta_email_smtp_server',
      name: 'relay',
      before: null,
      after: {
        id: null,
        alias: 'Relay',
        host: 'smtp.acme.example',
        port: 587,
        username: 'okta',
        password: SECRETS.smtpPassword,
      },
      unknown: ['id'],
    },
    {
      // The password pasted into an attribute nobody marks: still scrubbed, because it is known to be a secret.
      type: 'okta_group',
      name: 'leaky',
      before: null,
      after: { id: null, name: 'Leaky', description: `temporary password ${SECRETS.password}` },
      unknown: ['id'],
    },
  ],
});

describe('the summary and the review', () => {
  it('never contain a secret, at any level of detail', async () => {
    const summary = await summarizeObject(plan);
    const texts = [
      JSON.stringify(summary),
      renderReview(summary, {
        directory: '.',
        workspace: 'default',
        moreAt: 'x',
        budget: STEP_SUMMARY_BUDGET,
      }).markdown,
      renderReview(summary, { directory: '.', workspace: 'default', moreAt: 'x', budget: COMMENT_BUDGET })
        .markdown,
      renderReview(summary, { directory: '.', workspace: 'default', moreAt: 'x', budget: 3000 }).markdown,
    ];
    for (const text of texts) {
      for (const secret of Object.values(SECRETS)) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(JSON.stringify(secret).slice(1, -1));
      }
      expect(text).not.toContain('old-hook-token');
    }
  });

  it('still shows that the secret attributes change', async () => {
    const summary = await summarizeObject(plan);
    const paths = summary.changes.flatMap((c) =>
      c.attributes.filter((a) => a.after === '(sensitive)').map((a) => `${c.type}.${a.path}`),
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        'okta_user.password',
        'okta_app_oauth.client_secret',
        'okta_inline_hook.auth.value',
        'okta_domain_certificate.private_key',
        'okta_email_smtp_server.password',
      ]),
    );
    expect(JSON.stringify(summary)).toContain('temporary password (redacted)');
  });

  it('keeps what is not secret', async () => {
    const summary = await summarizeObject(plan);
    const certificate = summary.changes.find((c) => c.type === 'okta_domain_certificate');
    expect(certificate?.attributes.find((a) => a.path === 'certificate')?.after).toBe('"PUBLIC CERT"');
    expect(summary.org.host).toBe('acme.okta.com');
  });
});

describe('secret paths', () => {
  it('match the catalog patterns and secret-sounding names only', () => {
    expect(isSecretPath(['headers', 3, 'value'], ['headers.*.value'])).toBe(true);
    expect(isSecretPath(['headers', 3, 'key'], ['headers.*.value'])).toBe(false);
    expect(isSecretPath(['client_secret'], [])).toBe(true);
    expect(isSecretPath(['access_token_lifetime_minutes'], [])).toBe(false);
    expect(isSecretPath(['password_min_length'], [])).toBe(false);
  });
});

describe('SecretScrubber', () => {
  it('scrubs secrets with regex characters, and their JSON-escaped form', () => {
    const scrubber = new SecretScrubber();
    scrubber.add({ nested: ['a.b*c(d)', 'line1\nline2 "q"'] });
    expect(scrubber.scrub('x a.b*c(d) y')).toBe('x (redacted) y');
    expect(scrubber.scrub(JSON.stringify('line1\nline2 "q"'))).toBe('"(redacted)"');
  });

  it('learns each line of a multi-line secret, long numbers, and only the sensitive parts of a value', () => {
    const learnt: string[] = [];
    const scrubber = new SecretScrubber((secret) => learnt.push(secret));
    scrubber.add('-----BEGIN KEY-----\nMIIEvQIBADANBg\n-----END KEY-----');
    scrubber.add(73519864);
    scrubber.add(2026);
    scrubber.addSensitive({ user: 'svc-okta', pass: 'pa55-w0rd' }, { pass: true });
    expect(learnt).toEqual(
      expect.arrayContaining(['MIIEvQIBADANBg', '-----END KEY-----', '73519864', 'pa55-w0rd']),
    );
    expect(learnt).not.toContain('2026');
    expect(learnt).not.toContain('svc-okta');
    expect(scrubber.scrub('key MIIEvQIBADANBg, pin 73519864')).toBe('key (redacted), pin (redacted)');
  });

  it('finds the credentials a URL carries', () => {
    expect(urlCredentials('http://mirror-user:p%40ss@mirror.test/?sig=abc123&page=2')).toEqual([
      'p%40ss',
      'p@ss',
      'mirror-user:p%40ss',
      'abc123',
      'abc123',
    ]);
    expect(urlCredentials('not a url')).toEqual([]);
  });

  it('does not scrub values too short to be told from ordinary words', () => {
    const scrubber = new SecretScrubber();
    scrubber.add('abc');
    expect(scrubber.scrub('abc')).toBe('abc');
  });

  it('scrubs in place, everywhere in a structure', () => {
    const scrubber = new SecretScrubber();
    scrubber.add('hunter22');
    const value = { a: ['pw hunter22'], b: { c: 'hunter22' }, d: 3 };
    scrubber.scrubInPlace(value);
    expect(value).toEqual({ a: ['pw (redacted)'], b: { c: '(redacted)' }, d: 3 });
  });
});

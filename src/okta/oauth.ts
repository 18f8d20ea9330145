// An access token for an OAuth 2.0 service app, the way okta/okta gets one (its "PrivateKey" mode, and Okta's guide
// "Implement OAuth for Okta with a service app"): a client assertion JWT (RFC 7523: iss and sub the client ID, aud
// the org's token endpoint, five minutes, a fresh jti) signed RS256 with the app's private key, exchanged at
// /oauth2/v1/token for the configured scopes with the client_credentials grant.

import { HttpClient } from '@actions/http-client';
import { createPrivateKey, createSign, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';

export interface ServiceApp {
  readonly clientId: string;
  /** PEM text (PKCS#1 or PKCS#8, unencrypted) or the path of a file holding it, as okta/okta takes it. */
  readonly privateKey: string;
  readonly keyId?: string;
  readonly scopes: readonly string[];
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

async function pem(privateKey: string): Promise<string> {
  return privateKey.includes('-----BEGIN') ? privateKey : readFile(privateKey.trim(), 'utf8');
}

/** The signed client assertion for `tokenUrl`. */
export async function clientAssertion(app: ServiceApp, tokenUrl: string, now = Date.now()): Promise<string> {
  const iat = Math.floor(now / 1000);
  const header = { alg: 'RS256', typ: 'JWT', ...(app.keyId ? { kid: app.keyId } : {}) };
  const claims = {
    iss: app.clientId,
    sub: app.clientId,
    aud: tokenUrl,
    iat,
    exp: iat + 300,
    jti: randomUUID(),
  };
  const unsigned = `${base64url(header)}.${base64url(claims)}`;
  const key = createPrivateKey(await pem(app.privateKey));
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key).toString('base64url')}`;
}

/**
 * A bearer token for the service app. Throws one line naming what Okta refused (invalid_client, invalid_scope...)
 * and what to check; the assertion and the key never appear in it.
 */
export async function serviceAppToken(orgUrl: string, app: ServiceApp): Promise<string> {
  const tokenUrl = `${orgUrl}/oauth2/v1/token`;
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    scope: app.scopes.join(' '),
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: await clientAssertion(app, tokenUrl),
  });
  const http = new HttpClient('okta-terraform-action', [], { socketTimeout: 20_000 });
  const response = await http.post(tokenUrl, form.toString(), {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  });
  const text = await response.readBody();
  let body: { access_token?: unknown; token_type?: unknown; error?: unknown; error_description?: unknown } =
    {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Not JSON: the status says it.
  }
  const status = response.message.statusCode ?? 0;
  if (status === 200 && typeof body.access_token === 'string' && body.token_type === 'Bearer') {
    return body.access_token;
  }
  const said = typeof body.error === 'string' ? body.error : `HTTP ${status}`;
  const detail = typeof body.error_description === 'string' ? `: ${body.error_description}` : '';
  const fix =
    body.token_type === 'DPoP' || said === 'invalid_dpop_proof'
      ? "the service app requires DPoP-bound tokens, which the action's own client does not make"
      : said === 'invalid_scope'
        ? 'grant the service app these scopes (OKTA_API_SCOPES) in the Admin Console'
        : 'check OKTA_API_CLIENT_ID, the private key (and OKTA_API_PRIVATE_KEY_ID) registered for that app';
  throw new Error(`Okta refused the service app's token request (${said}${detail}): ${fix}`);
}

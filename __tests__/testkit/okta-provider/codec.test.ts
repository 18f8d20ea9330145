// The pieces of the provider that need no terraform: cty values on the wire, planning rules, retry waits and
// provider argument checks.

import { describe, expect, it } from '@jest/globals';
import { UNKNOWN, decodeDynamic, encodeDynamic } from '../../../testkit/okta-provider/cty.mjs';
import { waitSeconds } from '../../../testkit/okta-provider/okta-client.mjs';
import { validateProviderConfig } from '../../../testkit/okta-provider/provider-config.mjs';
import { oktaAppOauth } from '../../../testkit/okta-provider/resources/apps.mjs';
import { impliedType, plan } from '../../../testkit/okta-provider/schema.mjs';

describe('cty msgpack', () => {
  it('encodes unknown as ext 0 and fills every attribute, nulls as nil', () => {
    const type = ['object', { id: 'string', name: 'string', tags: ['set', 'string'] }] as const;
    const { msgpack } = encodeDynamic({ id: UNKNOWN, name: 'eng' }, type as never);
    expect(msgpack.includes(Buffer.from([0xd4, 0x00, 0x00]))).toBe(true);
    expect(decodeDynamic({ msgpack })).toEqual({ id: UNKNOWN, name: 'eng', tags: null });
  });

  it('keeps every unknown element of a set: unknowns are never equal', () => {
    const { msgpack } = encodeDynamic([UNKNOWN, UNKNOWN, 'a', 'a'], ['set', 'string']);
    expect(decodeDynamic({ msgpack })).toEqual([UNKNOWN, UNKNOWN, 'a']);
  });

  it('reads refined unknowns (ext 12) as unknown, and no bytes as null', () => {
    // {"a": refined unknown}: fixmap 1, fixstr "a", fixext1 type 12.
    const msgpack = Buffer.from([0x81, 0xa1, 0x61, 0xd4, 0x0c, 0x01]);
    expect(decodeDynamic({ msgpack })).toEqual({ a: UNKNOWN });
    expect(decodeDynamic({ msgpack: Buffer.alloc(0) })).toBeNull();
    expect(decodeDynamic({ msgpack: Buffer.from([0xc0]) })).toBeNull();
  });
});

describe('planning', () => {
  const schema = oktaAppOauth.schema;
  const config = { label: 'Portal', type: 'web', redirect_uris: ['https://p.example.com/cb'] };
  const full = (values: Record<string, unknown>) =>
    Object.fromEntries(
      Object.keys((impliedType(schema) as ['object', Record<string, unknown>])[1]).map((k) => [
        k,
        values[k] ?? null,
      ]),
    );

  it('leaves computed values unknown on create and plans defaults', () => {
    const { planned, requiresReplace } = plan(schema, null, full(config), full(config));
    expect(planned.id).toBe(UNKNOWN);
    expect(planned.client_secret).toBe(UNKNOWN);
    expect(planned.status).toBe('ACTIVE');
    expect(planned.token_endpoint_auth_method).toBe('client_secret_basic');
    expect(requiresReplace).toEqual([]);
  });

  it('keeps computed values on update and asks for replacement when a ForceNew attribute changes', () => {
    const prior = full({ ...config, id: '0oa1', client_id: '0oa1', client_secret: 's', status: 'ACTIVE' });
    const proposed = { ...prior, type: 'native' };
    const { planned, requiresReplace } = plan(schema, prior, proposed, full({ ...config, type: 'native' }));
    expect(planned.id).toBe('0oa1');
    expect(requiresReplace).toEqual([['type']]);
  });
});

describe('retries and provider arguments', () => {
  it('waits min * 2^attempt up to max, or until X-Rate-Limit-Reset within [min, max]', () => {
    expect(waitSeconds(0, 1, 8, new Headers())).toBe(1);
    expect(waitSeconds(3, 1, 8, new Headers())).toBe(8);
    expect(waitSeconds(5, 1, 8, new Headers())).toBe(8);
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    expect(waitSeconds(0, 2, 30, new Headers({ 'x-rate-limit-reset': reset }))).toBe(30);
  });

  it('checks bounds and conflicts like the provider schema', () => {
    const problems = validateProviderConfig({ max_retries: 101, api_token: 't', access_token: 'a' });
    expect(problems.map((p) => p.summary)).toEqual([
      '"api_token": conflicts with access_token',
      '"access_token": conflicts with api_token',
      'expected max_retries to be at most (100), got 101',
    ]);
  });
});

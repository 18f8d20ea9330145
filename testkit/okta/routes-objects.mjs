// @ts-check
// Objects of the okta/okta types this emulator has no Okta endpoints for: a store per Terraform type, kept as
// the provider stand-in sends them (attribute name → value). These paths are the emulator's own, not Okta's
// (`/emulator/v1/objects/{type}`): they let Terraform create, read, update, import and delete any okta/okta type
// offline. Their calls count in their own rate-limit buckets, not in Okta's.

import { invalid } from './errors.mjs';
import { idPrefix, now, oktaId } from './ids.mjs';
import { byCreation, page } from './paging.mjs';
import { asObject, need, noContent, ok, structuredCopy } from './router.mjs';

/** @typedef {import('./router.mjs').Route} Route */
/** @typedef {import('./router.mjs').Ctx} Ctx */
/** @typedef {import('./store.mjs').Obj} Obj */

/**
 * @param {Ctx} ctx
 * @returns {Record<string, Obj>}
 */
function collection(ctx) {
  const type = ctx.params.type ?? '';
  if (!/^okta_[a-z0-9_]+$/.test(type)) throw invalid('type', `type: not an okta/okta resource type: ${type}`);
  return (ctx.org.objects[type] ??= {});
}

/**
 * The attributes as sent, without what the emulator keeps itself.
 * @param {unknown} body
 */
function attributes(body) {
  const given = structuredCopy(asObject(asObject(body).attributes));
  delete given.id;
  return given;
}

/** @type {Route[]} */
export const objectRoutes = [
  ['GET', '/emulator/v1/objects/{type}', (ctx) => page(Object.values(collection(ctx)), byCreation, ctx)],
  [
    'POST',
    '/emulator/v1/objects/{type}',
    (ctx) => {
      const objects = collection(ctx);
      // Some okta/okta types take another object's ID as their own (an app group assignment is its group's ID).
      const given = asObject(ctx.body).id;
      const id = typeof given === 'string' && given ? given : oktaId(idPrefix(ctx.params.type ?? ''));
      const stamp = now();
      objects[id] = { id, attributes: attributes(ctx.body), created: stamp, lastUpdated: stamp };
      return ok(objects[id]);
    },
  ],
  [
    'GET',
    '/emulator/v1/objects/{type}/{id}',
    (ctx) => ok(need(collection(ctx), ctx.params.id ?? '', 'Object')),
  ],
  [
    'PUT',
    '/emulator/v1/objects/{type}/{id}',
    (ctx) => {
      const existing = need(collection(ctx), ctx.params.id ?? '', 'Object');
      existing.attributes = attributes(ctx.body);
      existing.lastUpdated = now();
      return ok(existing);
    },
  ],
  [
    'DELETE',
    '/emulator/v1/objects/{type}/{id}',
    (ctx) => {
      const objects = collection(ctx);
      need(objects, ctx.params.id ?? '', 'Object');
      delete objects[ctx.params.id ?? ''];
      return noContent();
    },
  ],
];

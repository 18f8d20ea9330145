// okta-tf unmanaged STATE_OR_PLAN_JSON: the org's objects of the kinds the state holds that the state does not
// hold, asked of Okta with the credentials okta/okta would use (the --directory's provider block, then OKTA_*).

import { readModuleConfiguration } from '../configuration/module.js';
import { noOktaConnection } from '../okta/client.js';
import { unmanagedInOrg } from '../okta/managed.js';
import { unmanagedMarkdown } from '../render/unmanaged.js';

/** The command's output: `{ "unmanaged": [{ "type", "id", "name" }] }` as JSON, or the markdown list. */
export async function unmanagedReport(
  file: string,
  options: { readonly format: 'json' | 'markdown'; readonly directory: string },
): Promise<string> {
  const { providers } = await readModuleConfiguration(options.directory);
  const found = await unmanagedInOrg(file, providers, process.env);
  if (!found) throw noOktaConnection('okta-tf unmanaged');
  const unmanaged = found.objects;
  if (options.format === 'markdown') return unmanagedMarkdown(unmanaged, found.orgUrl);
  const list = unmanaged.map(({ type, id, name }) => ({ type, id, name }));
  return `${JSON.stringify({ unmanaged: list }, null, 2)}\n`;
}

// @ts-check
// Serves the okta/okta provider from its own process, for shells and demos:
//
//   node testkit/okta-provider/provider-cli.mjs [--socket-dir DIR] > reattach.json &
//   TF_REATTACH_PROVIDERS="$(cat reattach.json)" terraform plan
//
// Prints the TF_REATTACH_PROVIDERS value (one JSON line) on stdout once the socket is listening, then serves
// until SIGTERM or SIGINT. Terraform never stops a reattached provider: whoever started this stops it. The
// provider's environment fallbacks (OKTA_API_TOKEN, OKTA_HTTP_PROXY, ...) are read from this process's
// environment, not terraform's.

import { parseArgs } from 'node:util';
import { startOktaProvider } from './provider.mjs';

const { values } = parseArgs({ options: { 'socket-dir': { type: 'string' } } });
const provider = await startOktaProvider({ socketDir: values['socket-dir'] });
process.stdout.write(`${provider.reattach}\n`);

for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
  process.once(signal, () => {
    provider.stop().then(() => process.exit(0));
  });
}

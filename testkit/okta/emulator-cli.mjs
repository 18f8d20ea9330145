// @ts-check
// node emulator-cli.mjs --state FILE [--port N] [--token T]
// Starts the Okta org emulator, prints {"url":...,"token":...,"stateFile":...} as one JSON line on stdout
// for the caller to read, and runs until SIGINT or SIGTERM.

import { parseArgs } from 'node:util';
import { startOktaEmulator } from './emulator.mjs';

const { values } = parseArgs({
  options: {
    state: { type: 'string' },
    port: { type: 'string' },
    token: { type: 'string' },
  },
});

if (!values.state) {
  process.stderr.write('usage: node emulator-cli.mjs --state FILE [--port N] [--token T]\n');
  process.exit(2);
}

const emulator = await startOktaEmulator({
  stateFile: values.state,
  ...(values.port ? { port: Number(values.port) } : {}),
  ...(values.token ? { token: values.token } : {}),
});
process.stdout.write(
  `${JSON.stringify({ url: emulator.url, token: emulator.token, stateFile: emulator.stateFile })}\n`,
);

const stop = () => {
  emulator.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

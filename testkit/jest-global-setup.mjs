// Jest's globalSetup: the process-level tests (__tests__/e2e) run dist/, so dist/ is first built from src/ when
// either changed since the last build here (scripts/lib/bundle.mjs). An unchanged tree costs a hash of the sources.
import { bundle } from '../scripts/lib/bundle.mjs';

export default async function buildDist() {
  const { built, seconds } = await bundle({ ifChanged: true });
  if (built)
    process.stdout.write(`\nBuilt dist/ from src/ for the process-level tests in ${seconds.toFixed(1)} s.\n`);
}

// npm run build: bundles dist/ from src/ (scripts/lib/bundle.mjs). dist/ is committed: CI rebuilds it and fails
// when it differs from what is committed. `--if-changed` skips the build when nothing changed since the last one.
import { bundle } from './lib/bundle.mjs';

const { built, seconds } = await bundle({ ifChanged: process.argv.includes('--if-changed') });
process.stdout.write(built ? `dist/ built in ${seconds.toFixed(1)} s\n` : 'dist/ is up to date with src/\n');

// npm run docs: rewrites the README's inputs/outputs tables from action.yml. With --check, fails when they differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { actionDocs, withActionDocs } from './lib/action-docs.mjs';

const readme = readFileSync('README.md', 'utf8');
const updated = withActionDocs(readme, actionDocs(readFileSync('action.yml', 'utf8')));
if (process.argv.includes('--check')) {
  if (updated !== readme) {
    console.error('README.md inputs/outputs differ from action.yml: run `npm run docs`');
    process.exit(1);
  }
} else if (updated !== readme) {
  writeFileSync('README.md', updated);
  console.log('README.md inputs/outputs updated from action.yml');
}

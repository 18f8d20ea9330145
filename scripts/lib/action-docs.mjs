// The README's inputs and outputs tables, generated from action.yml so the two never drift apart.
import { parse } from 'yaml';

const START = '<!-- action-docs:start (generated from action.yml by `npm run docs`) -->';
const END = '<!-- action-docs:end -->';

/** @param {string} text */
function cell(text) {
  return String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\|/g, '\\|');
}

/** The tables for the action described by `actionYml` (its text). @param {string} actionYml */
export function actionDocs(actionYml) {
  const action = parse(actionYml);
  const inputs = Object.entries(action.inputs ?? {}).map(
    ([name, input]) =>
      `| \`${name}\` | ${input.required ? 'yes' : 'no'} | ${input.default === undefined ? '' : `\`${cell(input.default)}\``} | ${cell(input.description)} |`,
  );
  const outputs = Object.entries(action.outputs ?? {}).map(
    ([name, output]) => `| \`${name}\` | ${cell(output.description)} |`,
  );
  return [
    START,
    '### Inputs',
    '',
    '| input | required | default | description |',
    '| --- | --- | --- | --- |',
    ...inputs,
    '',
    '### Outputs',
    '',
    '| output | description |',
    '| --- | --- |',
    ...outputs,
    END,
  ].join('\n');
}

/** `readme` with its generated section replaced by `docs`. @param {string} readme @param {string} docs */
export function withActionDocs(readme, docs) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} section`);
  return readme.slice(0, start) + docs + readme.slice(end + END.length);
}

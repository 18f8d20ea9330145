// Module hooks that let a bench script (plain node) import the test harness's TypeScript stand-ins
// (testkit/*.ts): a relative "./x.js" that is not there resolves to "./x.ts", and a .ts file is transpiled as
// ts-jest does for the tests (types dropped, nothing checked: `tsc --noEmit` checks them).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export async function resolve(specifier, context, next) {
  const path = /^(\.|\/|file:)/.test(specifier) && specifier.endsWith('.js');
  if (path && context.parentURL?.startsWith('file:')) {
    const js = new URL(specifier, context.parentURL);
    const source = new URL(js.href.replace(/\.js$/, '.ts'));
    if (!existsSync(js) && existsSync(source))
      return { url: source.href, format: 'module', shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const { outputText } = ts.transpileModule(readFileSync(fileURLToPath(url), 'utf8'), {
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
    },
    fileName: fileURLToPath(url),
  });
  return { format: 'module', source: outputText, shortCircuit: true };
}

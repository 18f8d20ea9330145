// Findings as SARIF 2.1.0 (OASIS), the format code-scanning tools read (GitHub code scanning among them): one rule
// per finding rule, one result per finding, located on the .tf line that declares its object when it is known.

import type { ModuleConfiguration } from '../configuration/module.js';
import type { Finding, Severity } from '../review/findings.js';
import { declaredAt } from './declared-at.js';

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub code scanning orders alerts by this (0.0–10.0, as CVSS): critical 9.0 and up, high 7.0 and up. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

export function sarifLog(
  findings: readonly Finding[],
  configuration: Pick<ModuleConfiguration, 'declarations'>,
  where: { directory: string; repository: string },
  version: string,
): object {
  const rules = [...new Map(findings.map((f) => [f.rule, f])).values()].map((f) => ({
    id: f.rule,
    name: f.rule,
    shortDescription: { text: `Okta review rule ${f.rule}` },
    defaultConfiguration: { level: LEVEL[f.severity] },
    properties: { tags: ['security', 'okta', 'terraform'] },
  }));
  const results = findings.map((f) => {
    const declared = declaredAt(f.address, configuration, where);
    return {
      ruleId: f.rule,
      level: LEVEL[f.severity],
      message: { text: `${f.message} (${f.address})` },
      ...(declared
        ? {
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: declared.file },
                  region: { startLine: declared.line },
                },
                logicalLocations: [{ fullyQualifiedName: f.address, kind: 'resource' }],
              },
            ],
          }
        : { locations: [{ logicalLocations: [{ fullyQualifiedName: f.address, kind: 'resource' }] }] }),
      properties: {
        severity: f.severity,
        'security-severity': SECURITY_SEVERITY[f.severity],
        evidence: f.evidence,
      },
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'okta-terraform-review', version, rules } }, results }],
  };
}

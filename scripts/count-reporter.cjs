// Jest reporter: ends the run with one plain line, `tests: N passed, N failed`, which CI reads.
// With OKTA_TF_TEST_COUNTS=FILE it also writes the line to FILE, so .ci/run can print it last.
const { writeFileSync } = require('node:fs');

class CountReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `tests: ${results.numPassedTests} passed, ${failed} failed`;
    process.stdout.write(`${line}\n`);
    if (process.env.OKTA_TF_TEST_COUNTS) writeFileSync(process.env.OKTA_TF_TEST_COUNTS, `${line}\n`);
  }
}

module.exports = CountReporter;

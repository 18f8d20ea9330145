/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json' }] },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  // The process-level tests run dist/: build it from src/ first when either changed.
  globalSetup: '<rootDir>/testkit/jest-global-setup.mjs',
  reporters: ['default', '<rootDir>/scripts/count-reporter.cjs'],
  testTimeout: 60000,
};

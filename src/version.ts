// This release's version (package.json's; a contract test keeps the two equal): the SARIF tool version.
export const VERSION = '1.0.0';

// The browser journeys: playwright-core driving Debian's chromium against `ledger serve` with the demo seeded.
module.exports = { displayName: 'web-e2e', preset: '../../../jest.preset.js', rootDir: __dirname, testMatch: ['<rootDir>/**/*.e2e.spec.ts'] };

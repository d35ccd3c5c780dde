module.exports = { displayName: 'entitlements-domain', preset: '../../../jest.preset.js', rootDir: __dirname };

module.exports = { displayName: 'entitlements-feature', preset: '../../../jest.preset.js', rootDir: __dirname };

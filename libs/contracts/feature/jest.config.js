module.exports = { displayName: 'contracts-feature', preset: '../../../jest.preset.js', rootDir: __dirname };

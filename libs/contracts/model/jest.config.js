module.exports = { displayName: 'contracts-model', preset: '../../../jest.preset.js', rootDir: __dirname };

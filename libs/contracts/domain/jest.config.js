module.exports = { displayName: 'contracts-domain', preset: '../../../jest.preset.js', rootDir: __dirname };

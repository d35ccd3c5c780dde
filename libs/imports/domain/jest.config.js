module.exports = { displayName: 'imports-domain', preset: '../../../jest.preset.js', rootDir: __dirname };

module.exports = { displayName: 'outcome-framework-domain', preset: '../../../jest.preset.js', rootDir: __dirname };

module.exports = { displayName: 'outcome-framework-feature', preset: '../../../jest.preset.js', rootDir: __dirname };

module.exports = { displayName: 'shared-event-store', preset: '../../../jest.preset.js', rootDir: __dirname };

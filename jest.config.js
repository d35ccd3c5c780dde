// `npm test` runs every project's tests in one Jest run; each project keeps its own jest.config.js for `nx test`.
const { readdirSync, existsSync } = require('node:fs');
const path = require('node:path');

function projectsUnder(dir, depth) {
  if (!existsSync(dir)) return [];
  if (existsSync(path.join(dir, 'jest.config.js')) && dir !== __dirname) return [dir];
  if (depth === 0) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'node_modules')
    .flatMap((entry) => projectsUnder(path.join(dir, entry.name), depth - 1));
}

module.exports = {
  // A global option: the preset's `testTimeout` is ignored inside `projects`.
  testTimeout: 60_000,
  projects: [...projectsUnder(path.join(__dirname, 'apps'), 2), ...projectsUnder(path.join(__dirname, 'libs'), 2), ...projectsUnder(path.join(__dirname, 'deploy'), 0)],
};

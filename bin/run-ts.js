#!/usr/bin/env node
// Runs a TypeScript entry point straight from source: SWC compiles on load (with decorator
// metadata for Nest and the tsconfig path aliases), so `npx ledger` needs no build step.
'use strict';
const path = require('node:path');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || path.join(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');
module.exports = function runTs(entry) {
  require(path.resolve(entry));
};
if (require.main === module) {
  const [entry, ...rest] = process.argv.slice(2);
  process.argv = [process.argv[0], entry, ...rest];
  module.exports(entry);
}

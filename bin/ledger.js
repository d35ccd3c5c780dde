#!/usr/bin/env node
// The `ledger` command (`npx ledger ...`): runs apps/cli from source, so it works straight after `npm ci`.
'use strict';
const path = require('node:path');
require('./run-ts')(path.join(__dirname, '..', 'apps', 'cli', 'src', 'main.ts'));

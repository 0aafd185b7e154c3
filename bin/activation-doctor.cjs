#!/usr/bin/env node
// Runs the Activation Doctor CLI. In a source checkout the bundle is rebuilt when sources change,
// so `npx activation-doctor ...` works straight after `npm ci`.
const bundle = require('../scripts/cli-bundle.cjs');
if (bundle.isStale()) bundle.build();
require(bundle.outfile);

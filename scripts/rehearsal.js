#!/usr/bin/env node
// The README's main job. Until the engine exists it prints the plan of the rehearsed path.
import { main } from '../dist/cli/index.js';

process.exitCode = await main([
  'plan',
  '--from',
  'V5',
  '--target',
  'A',
  '--virtual',
  'yes',
  ...process.argv.slice(2),
]);

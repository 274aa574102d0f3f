import { describe, it } from 'vitest';
import { CONFIGS, everyKillPoint, LONG_PATHS } from '../support/crash-matrix.js';

// The crash matrix's longest paths, each killed at every step and point and resumed (the rest,
// the real SIGKILLs and the checks of the list are in crash-matrix.test.ts).
describe('crash matrix: killed at every step, then resumed', () => {
  for (const config of CONFIGS.filter((c) => LONG_PATHS.includes(c.name))) {
    // A cap, not a wait: every kill point is a resumed run.
    it(`${config.name}: every kill point, in-process`, () => everyKillPoint(config), 1_200_000);
  }
});

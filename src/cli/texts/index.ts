import { ATLAS } from './atlas.js';
import { COMMON } from './common.js';
import { DB_SCRIPT } from './db-script.js';
import { DOCTOR } from './doctor.js';
import { FILES } from './files.js';
import { PLAN } from './plan.js';
import { PROGRAM } from './program.js';
import { PROGRESS } from './progress.js';
import { REPORT } from './report.js';
import { RUN } from './run.js';
import { SNAPSHOTS } from './snapshots.js';
import { SQL } from './sql.js';
import { TWIN } from './twin.js';
import { UI } from './ui.js';

/** Texts of the command line, one file per command (help, headings, labels, questions). */
export const T = {
  ...COMMON,
  ...PROGRAM,
  ...PLAN,
  ...PROGRESS,
  ...RUN,
  ...REPORT,
  ...SNAPSHOTS,
  ...UI,
  ...DOCTOR,
  ...SQL,
  ...DB_SCRIPT,
  ...ATLAS,
  ...FILES,
  ...TWIN,
} as const;

import { EXPRESS_USER_LIMIT, type PlanId } from '../catalog/index.js';
import { XpmError } from '../errors/index.js';
import { FLAGS, isPlanId, type PlanInput } from './input.js';
import type { Reason } from './types.js';

/**
 * "Umzugsplan ermitteln": the plan named with --target, else the one the answers call for.
 * Answers that contradict the named plan are bad input; plan A with many users is only a warning.
 */
export function decidePlan(input: PlanInput): { plan: PlanId; reason: Reason } {
  if (input.target !== undefined) {
    const plan = input.target.trim().toUpperCase();
    if (!isPlanId(plan)) {
      throw new XpmError('E_INPUT_PLAN', { flag: FLAGS.target, value: input.target });
    }
    checkContradictions(plan, input);
    return { plan, reason: { code: 'planChosen', params: { flag: FLAGS.target } } };
  }
  if (input.onlyDatabases) {
    checkContradictions('D', input);
    return { plan: 'D', reason: { code: 'planOnlyDatabases' } };
  }
  if (input.separateSqlServer) return { plan: 'C', reason: { code: 'planSeparate' } };
  if (input.existingSqlServer === true) {
    // An existing SQL Server serves plan C (a new XPhone Server) or D (only the databases move).
    if (input.onlyDatabases === false) return { plan: 'C', reason: { code: 'planExistingSeparate' } };
    throw new XpmError('E_INPUT_EXISTING_UNDECIDED', {
      flag: FLAGS.existingSqlServer,
      only: FLAGS.onlyDatabases,
      target: FLAGS.target,
    });
  }
  // The guide: plan B "> 500 User"; 500 users is still plan A.
  if (input.users !== undefined && input.users > EXPRESS_USER_LIMIT) {
    return {
      plan: 'B',
      reason: { code: 'planManyUsers', params: { users: input.users, limit: EXPRESS_USER_LIMIT } },
    };
  }
  if (input.users !== undefined)
    return { plan: 'A', reason: { code: 'planSmall', params: { users: input.users } } };
  return { plan: 'A', reason: { code: 'planDefault' } };
}

function checkContradictions(plan: PlanId, input: PlanInput): void {
  const conflict = (flag: string, value: string) => {
    throw new XpmError('E_INPUT_CONTRADICTION', { plan, flag, value });
  };
  if (plan === 'D' && input.existingSqlServer === false) conflict(FLAGS.existingSqlServer, 'no');
  if (plan !== 'D' && input.onlyDatabases === true) conflict(FLAGS.onlyDatabases, 'yes');
  if (plan === 'D' && input.onlyDatabases === false) conflict(FLAGS.onlyDatabases, 'no');
  if ((plan === 'A' || plan === 'B') && input.separateSqlServer === true)
    conflict(FLAGS.separateSqlServer, 'yes');
  // A installs SQL Express, B SQL Standard/Enterprise on the XPhone server: neither uses an existing one.
  if ((plan === 'A' || plan === 'B') && input.existingSqlServer === true)
    conflict(FLAGS.existingSqlServer, 'yes');
  if (plan === 'C' && input.separateSqlServer === false) conflict(FLAGS.separateSqlServer, 'no');
}

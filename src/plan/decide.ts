import { EXPRESS_USER_LIMIT, EXPRESS_USER_LIMIT_TEAMDESK, type PlanId } from '../catalog/index.js';
import { XpmError } from '../errors/index.js';
import { FLAGS, isPlanId, type PlanInput } from './input.js';
import type { Reason } from './types.js';

export function expressUserLimit(input: PlanInput): number {
  return input.teamdesk ? EXPRESS_USER_LIMIT_TEAMDESK : EXPRESS_USER_LIMIT;
}

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
  const limit = expressUserLimit(input);
  if (input.users !== undefined && input.users >= limit) {
    return { plan: 'B', reason: { code: 'planManyUsers', params: { users: input.users, limit } } };
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
  if (plan === 'C' && input.separateSqlServer === false) conflict(FLAGS.separateSqlServer, 'no');
}

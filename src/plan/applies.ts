import {
  type Criterion,
  isLatestV4,
  LATEST_V4,
  type Mark,
  type MatrixRow,
  type PlanId,
  type StepDef,
  type XPhoneVersion,
} from '../catalog/index.js';
import type { Text } from '../i18n/index.js';
import type { PlanInput } from './input.js';
import type { Applies, Reason } from './types.js';

type Decision = { applies: Applies; reason: Reason };

export interface Facts {
  input: PlanInput;
  from?: XPhoneVersion;
  plan?: PlanId;
}

/** A step outside the V8 → V9 matrix: its condition decides, else it is required or optional as the guide words it. */
export function decideStep(step: StepDef, facts: Facts): Decision {
  const gate = gateDecision(step, facts);
  if (gate) return gate;
  if (step.optional) return { applies: 'optional', reason: { code: step.optional } };
  return { applies: 'required', reason: { code: 'always' } };
}

/** A step of a matrix row: the plan's mark first, then the row's criteria or the step's own gate. */
export function decideMatrixStep(step: StepDef, row: MatrixRow, plan: PlanId, facts: Facts): Decision {
  const mark: Mark = row.marks[plan];
  const where = { plan, row: row.row };
  if (mark === '') return { applies: 'no', reason: { code: 'matrixNotInPlan', params: { plan } } };
  if (mark === 'X')
    return (
      gateDecision(step, facts) ?? { applies: 'required', reason: { code: 'matrixRequired', params: where } }
    );

  const criteria = row.criteria;
  if (!criteria || criteria.rule === 'advice') {
    const list = criteria ? joinCriteria(criteria.items) : { de: '', en: '' };
    return { applies: 'optional', reason: { code: 'matrixOptional', params: { ...where, criteria: list } } };
  }
  const answers = criteria.items.map((c) => criterionAnswer(c, facts.input));
  const yes = criteria.items.filter((_, i) => answers[i] === true);
  if (yes.length > 0)
    return {
      applies: 'required',
      reason: { code: 'criteriaAnyTrue', params: { criteria: joinCriteria(yes) } },
    };
  if (answers.every((a) => a === false)) {
    return {
      applies: 'no',
      reason: { code: 'criteriaNoneTrue', params: { criteria: joinCriteria(criteria.items) } },
    };
  }
  return {
    applies: 'optional',
    reason: { code: 'criteriaOpen', params: { criteria: joinCriteria(criteria.items) } },
  };
}

/** What an answer says about a criterion of the guide; undefined = not answered. */
function criterionAnswer(criterion: Criterion, input: PlanInput): boolean | undefined {
  switch (criterion.id) {
    case 'calendarSync':
      return input.calendarSync;
    case 'exchangeContacts':
      return input.exchangeContacts;
    case 'voicemailOutlook':
      return input.voicemailOutlook;
    case 'serviceAccount':
      return input.serviceAccount ? true : undefined;
    default:
      return undefined;
  }
}

/** Conditions that can switch a step off whatever the matrix says (VM only, Analytics only, …). */
function gateDecision(step: StepDef, facts: Facts): Decision | undefined {
  const { input } = facts;
  switch (step.condition) {
    case 'virtual':
      return tri(input.virtual, 'virtualYes', 'virtualNo', 'virtualUnknown');
    case 'analytics':
      return tri(input.analytics, 'analyticsYes', 'analyticsNo', 'analyticsUnknown');
    case 'littleDowntime':
      return input.littleDowntime
        ? { applies: 'required', reason: { code: 'littleDowntimeYes' } }
        : { applies: 'no', reason: { code: 'littleDowntimeNo' } };
    case 'newMachine':
      return facts.plan === 'D'
        ? { applies: 'no', reason: { code: 'sameMachine' } }
        : { applies: 'required', reason: { code: 'newMachine' } };
    case 'sameMachine':
      return facts.plan === 'D'
        ? { applies: 'required', reason: { code: 'sameMachineStops' } }
        : { applies: 'no', reason: { code: 'newMachine' } };
    case 'notLatestV4': {
      const standing = facts.from ? isLatestV4(facts.from) : 'unclear';
      const params = { latest: LATEST_V4.label, from: facts.from?.normalized ?? '?' };
      if (standing === 'latest') return { applies: 'no', reason: { code: 'v4Latest', params } };
      if (standing === 'older') return { applies: 'required', reason: { code: 'v4NotLatest', params } };
      if (standing === 'unknown') return { applies: 'required', reason: { code: 'v4Unknown', params } };
      return { applies: 'required', reason: { code: 'v4Unclear', params } };
    }
    default:
      return undefined;
  }
}

function tri(
  value: boolean | undefined,
  yes: Reason['code'],
  no: Reason['code'],
  unknown: Reason['code'],
): Decision {
  if (value === true) return { applies: 'required', reason: { code: yes } };
  if (value === false) return { applies: 'no', reason: { code: no } };
  return { applies: 'optional', reason: { code: unknown } };
}

function joinCriteria(items: Criterion[]): Text {
  return { de: items.map((c) => c.text.de).join('; '), en: items.map((c) => c.text.en).join('; ') };
}

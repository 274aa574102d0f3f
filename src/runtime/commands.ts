import { type DrivingRole, type EvidenceField, MACHINE_ROLE_TEXT } from '../catalog/index.js';
import type { Host } from '../host/index.js';
import { LANGS, sayAll, type Text } from '../i18n/index.js';
import { type MachineEvent, missingEvidence, normalizeEvidence, type RunStep } from '../machines/index.js';
import { activeStep, type XpSnapshot } from './active.js';
import { machineNames, sameMachine } from './placement.js';
import type { RunSettings } from './run-settings.js';

/** An operator command as it sits in the inbox. */
export interface OperatorCommand {
  command: 'confirm' | 'skip' | 'retry' | 'abort';
  stepId?: string;
  evidence?: Record<string, string>;
  reason?: string;
  force?: boolean;
}

export type Verdict =
  | { kind: 'accept'; event: MachineEvent }
  | { kind: 'duplicate'; reason: Text }
  | { kind: 'refuse'; reason: Text };

/** Why a command was refused or was a harmless repeat, in both languages. */
const WHY = {
  alreadyDone: { de: 'Schritt {step} ist bereits erledigt', en: 'step {step} is already done' },
  alreadySkipped: { de: 'Schritt {step} ist bereits übersprungen', en: 'step {step} is already skipped' },
  alreadyAborted: { de: 'der Lauf ist bereits abgebrochen', en: 'the run is already aborted' },
  ended: { de: 'der Lauf ist beendet', en: 'the run has ended' },
  between: { de: 'der Lauf ist zwischen zwei Schritten', en: 'the run is between steps' },
  unknownStep: {
    de: 'Schritt {step} gibt es in diesem Lauf nicht',
    en: 'step {step} is not a step of this run',
  },
  notCurrent: {
    de: 'Schritt {step} ist nicht der aktuelle Schritt; der Lauf steht bei {current}',
    en: 'step {step} is not the current step; the run is at {current}',
  },
  evidence: {
    de: 'Nachweis fehlt oder passt nicht: {fields}',
    en: 'evidence missing or not as asked: {fields}',
  },
  unknownKey: {
    de: 'Schritt {step} kennt den Nachweis {keys} nicht; er fragt nach: {fields}',
    en: 'step {step} does not ask for {keys}; it asks for: {fields}',
  },
  noEvidence: {
    de: 'Schritt {step} braucht keinen Nachweis ({keys} weglassen)',
    en: 'step {step} needs no evidence (leave out {keys})',
  },
  required: {
    de: 'Schritt {step} ist erforderlich; Überspringen braucht --force und --reason',
    en: 'step {step} is required; skipping it needs --force and --reason',
  },
  retryOnlyFailed: {
    de: 'nur ein fehlgeschlagener Schritt kann wiederholt werden',
    en: 'only a failed step can be retried',
  },
  notWaiting: {
    de: 'der Schritt wartet nicht auf eine Bedienerin oder einen Bediener',
    en: 'the step is not waiting for an operator',
  },
  notAccepted: {
    de: 'der aktuelle Zustand nimmt {command} nicht an',
    en: 'the current state does not accept {command}',
  },
  otherAccount: {
    de: 'der Lauf verwendet den Dienste-Account {expected} (db_owner in Schritt 2a, Application Pool in 7a); {given} ist ein anderer. Denselben Account angeben – oder für einen anderen einen neuen Lauf mit --service-account beginnen',
    en: 'the run uses the service account {expected} (db_owner in step 2a, application pool in 7a); {given} is another one. Give the same account – or start a new run with --service-account for another',
  },
  overrideReason: {
    de: 'Schritt {step} ist fehlgeschlagen: ihn als erledigt zu markieren, ohne dass er lief, braucht einen Grund (--reason), der im Journal steht',
    en: 'step {step} failed: marking it done without it having run needs a reason (--reason), which the journal keeps',
  },
  handOverSelf: {
    de: '{machine} ist der Rechner, der den Lauf übergibt ({role}); den Namen des Rechners angeben, der ihn übernimmt',
    en: '{machine} is the machine handing the run over ({role}); name the machine that takes it over',
  },
  handOverSkip: {
    de: 'die Übergabe lässt sich nicht überspringen: die folgenden Schritte geschehen auf dem anderen Rechner. Mit dessen Namen bestätigen (--evidence machine=NAME)',
    en: 'the hand-over cannot be skipped: the following steps happen on the other machine. Confirm it with its name (--evidence machine=NAME)',
  },
  version: {
    de: 'der Server meldet Version {installed}; erwartet: {expected}',
    en: 'the server reports version {installed}; expected: {expected}',
  },
} satisfies Record<string, Text>;

/**
 * Decides whether the run can take a command now. A repeat of something already done is
 * harmless; anything the current state cannot take is refused with the reason.
 */
export async function judge(
  cmd: OperatorCommand,
  snapshot: XpSnapshot,
  steps: RunStep[],
  host: Host,
  who: string,
  settings: Pick<RunSettings, 'serviceAccount' | 'machines'> = {},
): Promise<Verdict> {
  const context = snapshot.context;
  const handled = (id: string) => context.done.includes(id) || context.skipped.some((s) => s.stepId === id);
  if (cmd.stepId && handled(cmd.stepId) && (cmd.command === 'confirm' || cmd.command === 'skip')) {
    const why = context.done.includes(cmd.stepId) ? WHY.alreadyDone : WHY.alreadySkipped;
    return { kind: 'duplicate', reason: sayAll(why, { step: cmd.stepId }) };
  }
  if (snapshot.status === 'done') {
    return cmd.command === 'abort' && snapshot.matches('aborted' as never)
      ? { kind: 'duplicate', reason: WHY.alreadyAborted }
      : { kind: 'refuse', reason: WHY.ended };
  }
  const active = activeStep(snapshot);
  if (!active) return { kind: 'refuse', reason: WHY.between };
  const stepId = cmd.stepId ?? active.stepId;
  if (stepId !== active.stepId) {
    const why = steps.some((s) => s.id === stepId) ? WHY.notCurrent : WHY.unknownStep;
    return { kind: 'refuse', reason: sayAll(why, { step: stepId, current: active.stepId }) };
  }
  const step = steps.find((s) => s.id === stepId);
  if (step && cmd.evidence && cmd.command === 'confirm') {
    const unknown = Object.keys(cmd.evidence).filter((key) => !step.evidence.some((f) => f.key === key));
    if (unknown.length > 0) return { kind: 'refuse', reason: unknownKeys(step, unknown) };
    cmd = { ...cmd, evidence: normalizeEvidence(step.evidence, cmd.evidence) };
    const other = otherAccount(step, cmd.evidence ?? {}, settings);
    if (other) return { kind: 'refuse', reason: other };
    const self = handingOverMachine(step, cmd.evidence ?? {}, machineNames(settings, steps, context));
    if (self) return { kind: 'refuse', reason: self };
  }
  if (step?.handOverTo && cmd.command === 'skip') return { kind: 'refuse', reason: WHY.handOverSkip };
  const event = toEvent(cmd, stepId, who);
  // Confirming a failed step says it is done although it did not run: never without a reason.
  if (event.type === 'CONFIRM' && overridesFailure(snapshot) && !cmd.reason?.trim())
    return { kind: 'refuse', reason: sayAll(WHY.overrideReason, { step: stepId }) };
  if (snapshot.can(event)) {
    if (event.type === 'CONFIRM' && step && snapshot.hasTag('manual')) {
      const mismatch = await installedVersionMismatch(step, host);
      if (mismatch) return { kind: 'refuse', reason: mismatch };
    }
    return { kind: 'accept', event };
  }
  return { kind: 'refuse', reason: whyNot(cmd, step, snapshot) };
}

/** A confirm now would mark a failed step done: the journal calls it that (`override`). */
export const overridesFailure = (snapshot: XpSnapshot) => snapshot.hasTag('failed');

function toEvent(cmd: OperatorCommand, stepId: string, who: string): MachineEvent {
  switch (cmd.command) {
    case 'confirm':
      return { type: 'CONFIRM', stepId, evidence: cmd.evidence ?? {}, who };
    case 'skip':
      return { type: 'SKIP', stepId, reason: cmd.reason ?? '', force: cmd.force === true, who };
    case 'retry':
      return { type: 'RETRY', stepId, ...(cmd.evidence ? { evidence: cmd.evidence } : {}), who };
    case 'abort':
      return { type: 'ABORT', stepId, reason: cmd.reason ?? '', who };
  }
}

function whyNot(cmd: OperatorCommand, step: RunStep | undefined, snapshot: XpSnapshot): Text {
  if (cmd.command === 'confirm' && step) {
    const missing = missingEvidence(step.evidence, cmd.evidence);
    if (missing.length > 0)
      return perLang(
        WHY.evidence,
        step.evidence.filter((f) => missing.includes(f.key)),
      );
  }
  if (cmd.command === 'skip' && step && !step.optional) return sayAll(WHY.required, { step: step.id });
  if (cmd.command === 'retry') return WHY.retryOnlyFailed;
  if (cmd.command === 'confirm' && !snapshot.hasTag('waiting-for-operator')) return WHY.notWaiting;
  return sayAll(WHY.notAccepted, { command: cmd.command });
}

/** A step whose evidence is the installed version is confirmed only when the server reports it. */
async function installedVersionMismatch(step: RunStep, host: Host): Promise<Text | undefined> {
  const field = step.evidence.find((f) => f.installedVersion && f.pattern);
  if (!field?.pattern) return undefined;
  const installed = await host.installedVersion();
  if (installed && new RegExp(field.pattern).test(installed)) return undefined;
  const expected = field.hint ?? { de: field.key, en: field.key };
  return Object.fromEntries(
    LANGS.map((l) => [l, sayAll(WHY.version, { installed: installed ?? '–', expected: expected[l] })[l]]),
  ) as Text;
}

/** One service account per run: a step that names it must name the one 2a and 7a were given. */
function otherAccount(
  step: RunStep,
  given: Record<string, string>,
  settings: { serviceAccount?: string },
): Text | undefined {
  const expected = settings.serviceAccount;
  const field = step.evidence.find((f) => f.setting === 'serviceAccount');
  const value = field ? given[field.key] : undefined;
  if (!expected || !value || value.toLowerCase() === expected.toLowerCase()) return undefined;
  return sayAll(WHY.otherAccount, { expected, given: value });
}

/** A hand-over names the machine that takes over: never one the run already knows as another role. */
function handingOverMachine(
  step: RunStep,
  given: Record<string, string>,
  names: Partial<Record<string, string>>,
): Text | undefined {
  const field = step.evidence.find((f) => f.machineName);
  const value = field ? given[field.key] : undefined;
  if (!field?.machineName || !value) return undefined;
  const role = Object.keys(names).find((r) => r !== field.machineName && sameMachine(names[r]!, value));
  if (!role) return undefined;
  return Object.fromEntries(
    LANGS.map((l) => [
      l,
      sayAll(WHY.handOverSelf, { machine: value, role: MACHINE_ROLE_TEXT[role as DrivingRole][l] })[l],
    ]),
  ) as Text;
}

/** "version (version, e.g. 6.0.100 …)": each field in words, in each language. */
function fieldsText(fields: EvidenceField[], lang: keyof Text): string {
  return fields.map((f) => `${f.key} (${(f.hint ?? f.label)[lang]})`).join(', ');
}

function perLang(why: Text, fields: EvidenceField[], params: Record<string, string> = {}): Text {
  return Object.fromEntries(
    LANGS.map((l) => [l, sayAll(why, { ...params, fields: fieldsText(fields, l) })[l]]),
  ) as Text;
}

function unknownKeys(step: RunStep, unknown: string[]): Text {
  const keys = unknown.join(', ');
  return step.evidence.length === 0
    ? sayAll(WHY.noEvidence, { step: step.id, keys })
    : perLang(WHY.unknownKey, step.evidence, { step: step.id, keys });
}

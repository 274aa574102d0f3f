import { CONTROL_CHARACTER } from '../i18n/index.js';

/**
 * The shape of a twin's facts, checked before anything reads them: a checksum tells an unchanged
 * file, not a right one (a twin sealed again by another tool, or by an older xpmigrate with a
 * bug, may carry a string where a size belongs). Returns where the first wrong value is, e.g.
 * `facts.sql[0].databases[1].dataMb`, or undefined when the shape holds.
 */
type Check = (value: unknown, at: string) => string | undefined;

/** Text without control characters or bidi overrides: the twin's names reach a terminal (`plan --twin`). */
const text: Check = (v, at) =>
  typeof v === 'string' && !CONTROL_CHARACTER.test(v) && !/[\t\n]/.test(v) ? undefined : at;
const flag: Check = (v, at) => (typeof v === 'boolean' ? undefined : at);
/** A size, a duration, a count: a finite number, never below 0. */
const amount: Check = (v, at) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? undefined : at);
const integer: Check = (v, at) => (Number.isSafeInteger(v) ? undefined : at);
const orNull =
  (check: Check): Check =>
  (v, at) =>
    v === null ? undefined : check(v, at);
const oneOf =
  (...allowed: unknown[]): Check =>
  (v, at) =>
    allowed.includes(v) ? undefined : at;
const list =
  (item: Check): Check =>
  (v, at) => {
    if (!Array.isArray(v)) return at;
    for (const [i, x] of v.entries()) {
      const wrong = item(x, `${at}[${i}]`);
      if (wrong) return wrong;
    }
    return undefined;
  };
const record =
  (item: Check): Check =>
  (v, at) => {
    if (!isObject(v)) return at;
    for (const [k, x] of Object.entries(v)) {
      const wrong = item(x, `${at}.${k}`);
      if (wrong) return wrong;
    }
    return undefined;
  };
const shape =
  (fields: Record<string, Check>): Check =>
  (v, at) => {
    if (!isObject(v)) return at;
    for (const [k, check] of Object.entries(fields)) {
      const wrong = check(v[k], `${at}.${k}`);
      if (wrong) return wrong;
    }
    return undefined;
  };
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A reason is a system's message (it may end in a CR); only `twin collect` shows it, as it reads it. */
const message: Check = (v, at) => (typeof v === 'string' ? undefined : at);
const bilingual = shape({ de: message, en: message });

const backup = shape({ database: text, sizeMb: amount, seconds: amount, finishedAt: text, device: text });

const sqlServer = shape({
  server: text,
  version: text,
  edition: text,
  engineEdition: integer,
  language: orNull(text),
  dataPath: text,
  logPath: text,
  freeMb: orNull(amount),
  databases: list(
    shape({
      name: text,
      state: text,
      dataMb: orNull(amount),
      logMb: orNull(amount),
      backupMb: orNull(amount),
    }),
  ),
  backups: list(backup),
});

const previousRun = shape({
  runId: text,
  finishedAt: text,
  steps: list(shape({ stepId: text, seconds: amount })),
  downtimes: list(
    shape({
      firstStep: text,
      lastStep: text,
      forecastSeconds: amount,
      actualSeconds: orNull(amount),
      // How far off the forecast was: negative when the night went faster.
      errorPercent: orNull((v, at) => (typeof v === 'number' && Number.isFinite(v) ? undefined : at)),
    }),
  ),
});

const facts = shape({
  machine: shape({
    name: text,
    os: text,
    hardware: text,
    virtual: oneOf('vmware', 'hyperv', 'other', null),
  }),
  xphone: shape({ version: text, installDir: text }),
  services: list(shape({ name: text, running: flag, startMode: text, account: text })),
  appPools: list(shape({ name: text, identity: text })),
  volumes: list(shape({ volume: text, freeMb: amount, sizeMb: amount })),
  atlas: list(shape({ name: text, server: orNull(text), database: orNull(text), integratedSecurity: flag })),
  sql: list(sqlServer),
  share: orNull(shape({ path: text, seenHere: flag, seenBySql: record(flag) })),
  backupManager: list(
    shape({ operation: oneOf('backup', 'restore'), startedAt: text, seconds: amount, failed: flag }),
  ),
  previousRun: orNull(previousRun),
});

const unread = list(shape({ fact: text, reason: bilingual }));

/** Where a twin's facts or unread list first depart from their shape, or undefined. */
export function misshapen(twin: { facts?: unknown; unread?: unknown }): string | undefined {
  return facts(twin.facts, 'facts') ?? unread(twin.unread, 'unread');
}

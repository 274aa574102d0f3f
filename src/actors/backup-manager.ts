import { stat } from 'node:fs/promises';
import { isXpmError } from '../errors/index.js';
import { analyseLogFile, KNOWN_PROBLEMS } from '../formats/index.js';
import { type EffectRegistry, fail, ok } from './effect.js';

/**
 * The Backup-Manager's log after a backup or restore the operator ran (and named at the step
 * `stepId`): read with diagnose's catalog, only what was written since the run reached that step
 * (or since the second after this check last failed: the operator ran it again). An error there fails the step with
 * the catalog's cause and remedy; a backup file that is not there, or empty, fails it too.
 */
export const backupManagerEffects = {
  'backup-manager.check-log': {
    async run(ctx) {
      const named = { ...ctx.evidenceOf(ctx.params.stepId), ...ctx.evidence };
      const since = latest(
        ctx.journalTime(ctx.params.stepId, 'arrived'),
        afterSecondOf(ctx.journalTime(ctx.stepId, 'failed')),
      );
      // The Backup-Manager ran on the other XPhone server: a drive letter there is not this machine's.
      if (ctx.machine.remote) {
        const local = [named.file, named.log].find((p) => p !== undefined && DRIVE_PATH.test(p));
        if (local)
          return fail('E_EVIDENCE_NOT_REACHABLE', local, {
            params: { path: local, machine: ctx.machine.name ?? '–', here: ctx.machine.here },
          });
      }
      if (ctx.params.operation === 'backup') {
        const file = named.file ?? '';
        const size = await stat(file).then(
          (s) => (s.isFile() ? s.size : -1),
          () => -1,
        );
        if (size <= 0) return fail('E_BACKUP_MANAGER_FILE', file, { params: { file } });
      }
      const log = named.log ?? '';
      let analysed: Awaited<ReturnType<typeof analyseLogFile>>;
      try {
        analysed = await analyseLogFile(log, 'en', since);
      } catch (error) {
        if (!isXpmError(error)) throw error;
        return fail(error.code, error.text('en'), { params: { ...error.params, file: log } });
      }
      const { report, findings } = analysed;
      const when = since ? since.toLocaleString('de-DE') : '';
      if (report.recent === 0)
        return fail('E_BACKUP_MANAGER_LOG_STALE', `no entries since ${when}`, {
          params: { file: log, since: when },
        });
      const error = findings.find((f) => f.severity === 'error');
      if (error) {
        const problem = KNOWN_PROBLEMS.find((p) => p.code === error.code)!;
        return fail('E_BACKUP_MANAGER_LOG', error.excerpt, {
          params: {
            file: log,
            finding: error.code,
            lines: error.lines.slice(0, 10).join(', '),
            excerpt: error.excerpt.slice(0, 300),
            causeDe: problem.cause.de,
            causeEn: problem.cause.en,
            remedyDe: problem.remedy.de,
            remedyEn: problem.remedy.en,
          },
        });
      }
      return ok({
        log,
        entries: report.recent ?? report.entries,
        warnings: findings.filter((f) => f.severity === 'warning').map((f) => f.code),
        ...(named.file ? { file: named.file } : {}),
      });
    },
  },
} satisfies Partial<EffectRegistry>;

/** `C:\…`: a path on the machine it was written on, not one another machine can read. */
const DRIVE_PATH = /^[A-Za-z]:[\\/]/;

/**
 * The log has whole seconds: after a failed check only what came in a later second is new (the
 * line that failed it may be of the failure's own second, and must not fail the retry again).
 */
function afterSecondOf(time: string | undefined): string | undefined {
  if (time === undefined) return undefined;
  return new Date(Math.floor(Date.parse(time) / 1000) * 1000 + 1000).toISOString();
}

function latest(...times: Array<string | undefined>): Date | undefined {
  const ms = times.filter((t): t is string => t !== undefined).map((t) => Date.parse(t));
  return ms.length > 0 ? new Date(Math.max(...ms)) : undefined;
}

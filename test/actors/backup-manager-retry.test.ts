import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupManagerEffects } from '../../src/actors/backup-manager.js';
import { appendLog } from '../support/backup-manager.js';

const check = backupManagerEffects['backup-manager.check-log'];
type Ctx = Parameters<typeof check.run>[0];

/** The check of a Backup-Manager backup named at `v8v9.backup-manager`, with the journal's times. */
function context(log: string, file: string, times: { arrived: string; failed?: string }): Ctx {
  return {
    stepId: 'v8v9.backup-manager-log',
    params: { stepId: 'v8v9.backup-manager', operation: 'backup' },
    machine: { role: 'old', here: 'OLDXPHONE', remote: false },
    evidence: {},
    evidenceOf: () => ({ file, log }),
    journalTime: (_stepId: string, which: 'arrived' | 'failed') => times[which],
  } as unknown as Ctx;
}

describe("the Backup-Manager log's check, retried after a fix", () => {
  it('does not fail again on the line that failed it, though the failure came in that line’s second', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xpm-bm-'));
    const log = join(dir, 'XPhoneServerBackup.log');
    const file = join(dir, 'backup.zip');
    writeFileSync(file, 'PK backup');
    const second = new Date(2026, 11, 7, 21, 30, 5); // local: the log's time
    const arrived = new Date(second.getTime() - 60_000).toISOString();
    appendLog(
      log,
      [
        [
          'ERR',
          "SQLHelper.SaveDatabase Cannot open backup device '\\\\nas\\x'. Operating system error 5(Access is denied.)",
        ],
      ],
      second,
    );
    const failedAt = new Date(second.getTime() + 300).toISOString(); // checked within that second
    const first = await check.run(context(log, file, { arrived }));
    expect(first).toMatchObject({ ok: false, code: 'E_BACKUP_MANAGER_LOG' });

    // The operator fixed the share's rights and ran the backup again, a minute later.
    appendLog(
      log,
      [
        ['INF', 'Backup started'],
        ['INF', 'Backup finished'],
      ],
      new Date(second.getTime() + 60_000),
    );
    const retried = await check.run(context(log, file, { arrived, failed: failedAt }));
    expect(retried).toMatchObject({ ok: true });
    rmSync(dir, { recursive: true, force: true });
  });
});

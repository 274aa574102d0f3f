import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupManagerRuns } from '../../src/formats/index.js';

const fixture = (name: string) => new URL(`../fixtures/backup-manager/${name}`, import.meta.url).pathname;

describe("the Backup-Manager's runs in its log (the forecast's measure)", () => {
  it('pairs each start with its end, in German and English; a share test is no run; an error fails the run', () => {
    // The fixture: "Sicherung gestartet" 10:00:00, "Sicherung beendet" 10:05:00.
    expect(backupManagerRuns(fixture('clean.log'))).toEqual([
      { operation: 'backup', startedAt: '2025-02-01T10:00:00', seconds: 300, failed: false },
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'xpm-bm-')), 'XPhoneServerBackup.log');
    writeFileSync(
      file,
      [
        '23.01.2021 22:39:49 INF Start testing backup on a shared folder.Remotepath:',
        '23.01.2021 22:39:51 INF Shared folder test ends here',
        '24.01.2021 22:00:00 INF Backup started',
        '24.01.2021 22:00:01 INF SQLHelper.SaveDatabase XPDATA',
        '24.01.2021 22:12:30 INF Backup finished: D:\\Backup\\x.zip',
        '25.01.2021 23:59:00 INF Restore started',
        '25.01.2021 23:59:10 ERR SQLHelper.RestoreDatabase Error while restoring Database XPDATA',
        // Past midnight: the difference is taken across days.
        '26.01.2021 00:01:00 INF Restore finished',
        '27.01.2021 22:00:00 INF Backup started',
      ].join('\r\n'),
    );
    expect(backupManagerRuns(file)).toEqual([
      { operation: 'backup', startedAt: '2021-01-24T22:00:00', seconds: 750, failed: false },
      { operation: 'restore', startedAt: '2021-01-25T23:59:00', seconds: 120, failed: true },
    ]);
  });

  it('an impossible date is no timestamp, and a span over a day (the clock was set) is no run', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'xpm-bm-')), 'XPhoneServerBackup.log');
    writeFileSync(
      file,
      [
        '31.02.2025 22:00:00 INF Backup started',
        '31.02.2025 22:10:00 INF Backup finished',
        '01.03.2025 22:00:00 INF Backup started',
        '01.03.2025 24:10:00 INF Backup finished',
        '01.03.2025 22:20:00 INF Backup finished',
        '02.03.2025 22:00:00 INF Backup started',
        // The clock was reset to 2035 during the run.
        '02.03.2035 22:05:00 INF Backup finished',
      ].join('\r\n'),
    );
    expect(backupManagerRuns(file)).toEqual([
      { operation: 'backup', startedAt: '2025-03-01T22:00:00', seconds: 1200, failed: false },
    ]);
  });
});

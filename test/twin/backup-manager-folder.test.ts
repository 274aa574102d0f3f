import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Twin } from '../../src/twin/index.js';
import { tempState, twinCollect } from '../support/runs.js';

const fixture = (name: string) => new URL(`../fixtures/backup-manager/${name}`, import.meta.url).pathname;

describe('twin collect --backup-manager-log FOLDER', () => {
  it.skipIf(process.platform === 'win32')(
    'skips and names a file it cannot read (binary, a link to a device, a pipe) and keeps the others’ runs',
    async () => {
      const state = tempState();
      const folder = join(state, '..', 'Logs');
      mkdirSync(folder);
      copyFileSync(fixture('clean.log'), join(folder, 'XPhoneServerBackup.log'));
      // A crash left the older log's tail as NULs; a link points at a device; a pipe never ends.
      writeFileSync(join(folder, 'XPhoneServerBackup.1.log'), Buffer.alloc(4096, 0));
      symlinkSync('/dev/zero', join(folder, 'XPhoneServerBackup.2.log'));
      execFileSync('mkfifo', [join(folder, 'XPhoneServerBackup.3.log')]);
      const out = join(state, '..', 'twin.json');
      const r = await twinCollect(state, out, '--backup-manager-log', folder);
      expect(r.code, r.stderr).toBe(0);
      const twin = JSON.parse(readFileSync(out, 'utf8')) as Twin;
      expect(twin.facts.backupManager).toEqual([
        { operation: 'backup', startedAt: '2025-02-01T10:00:00', seconds: 300, failed: false },
      ]);
      const skipped = twin.unread.filter((u) => u.fact.startsWith('backupManager'));
      expect(skipped.map((u) => u.fact).sort()).toEqual([
        'backupManager:XPhoneServerBackup.1.log',
        'backupManager:XPhoneServerBackup.2.log',
        'backupManager:XPhoneServerBackup.3.log',
      ]);
      expect(skipped.find((u) => u.fact.endsWith('.3.log'))!.reason.en).toContain('not a regular file');
      expect(r.stdout).toMatch(/Not read: backupManager:XPhoneServerBackup\.1\.log – /);
    },
  );
});

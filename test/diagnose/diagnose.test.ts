import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { diagnose } from '../../src/diagnose/index.js';
import { cliInProcess } from '../support/cli.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/backup-manager/', import.meta.url));
const fixture = (name: string) => join(FIXTURES, name);

describe('Backup-Manager log analysis', () => {
  test.each([
    ['guide-sample.log', 'utf-8'],
    ['guide-sample.utf8-bom.log', 'utf-8'],
    ['guide-sample.utf16le.log', 'utf-16le'],
    ['guide-sample.utf16be-nobom.log', 'utf-16be'],
    ['guide-sample.cp1252.log', 'windows-1252'],
  ])(
    "the guide's sample (%s) is diagnosed: OS error 5 on the share, the login probing only precedes it",
    async (name, encoding) => {
      const { files, findings } = await diagnose(fixture(name), 'en');
      expect(files[0]).toMatchObject({ encoding, lines: 12, entries: 8 });
      expect(findings.map((f) => [f.code, f.severity, f.lines, f.count])).toEqual([
        ['BM_SHARE_ACCESS_DENIED', 'error', [9, 10, 11], 1],
        ['BM_LOGIN_PROBING', 'info', [3, 4, 5], 2],
      ]);
      expect(findings[0]!.excerpt).toContain(
        "'\\\\sqlserver\\backupshare\\XPHONE_UC'. Operating system error 5(Zugriff verweigert).",
      );
      expect(findings[0]!.cause).toContain('MSSQL$2016');
      expect(findings[1]!.excerpt).toBe("Benutzer 'Atlas' nicht verfügbar. Restore XPHONE_UC");
    },
  );

  test('the other known problems, ranked errors first; German texts', async () => {
    const { findings } = await diagnose(fixture('other-problems.log'), 'de');
    expect(findings.map((f) => [f.code, f.lines])).toEqual([
      ['BM_VERSION_MISMATCH', [2]],
      ['BM_BACKUP_DEVICE', [3]],
      ['BM_LOGIN_FAILED', [4]],
      ['BM_SERVICE_ACCOUNT_LOOP', [5]],
      ['BM_PARTIAL_TABLES', [6]],
    ]);
    expect(findings.find((f) => f.code === 'BM_PARTIAL_TABLES')!.remedy).toContain(
      'teilweise angelegten Tabellen',
    );
    expect(findings.find((f) => f.code === 'BM_SERVICE_ACCOUNT_LOOP')!.cause).toContain('Endlosschleife');
    expect((await diagnose(fixture('clean.log'), 'en')).findings).toEqual([]);
  });

  test('streams: an entry cut by chunk boundaries, multi-byte characters on them, line numbers exact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xpm-diag-'));
    const filler = Array.from(
      { length: 60_000 },
      (_, i) => `01.02.2025 10:00:00 INF Zeile ${i} Prüfung läuft – ok`,
    );
    const tail = [
      '01.02.2025 10:00:01 ERR SQLHelper.SaveDatabase Cannot open backup device',
      "'\\\\srv\\share\\XPDATA'. Betriebssystemfehler 5(Zugriff verweigert).",
    ];
    const text = [...filler, ...tail].join('\r\n');
    for (const [name, bytes] of [
      ['big-utf16.log', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
      ['big-utf8.log', Buffer.from(text, 'utf8')],
    ] as const) {
      expect(bytes.length).toBeGreaterThan(3 << 20); // many 64 KB chunks
      writeFileSync(join(dir, name), bytes);
      const { findings, files } = await diagnose(join(dir, name), 'en');
      expect(files[0]!.lines).toBe(60_002);
      expect(findings.map((f) => [f.code, f.lines])).toEqual([['BM_SHARE_ACCESS_DENIED', [60_001, 60_002]]]);
    }
  });
});

describe('xpmigrate diagnose', () => {
  test('--json has findings with code, severity, lines, cause and remedy; exit 1 when an error shows', async () => {
    const r = await cliInProcess(['diagnose', fixture('guide-sample.cp1252.log'), '--json', '--lang', 'en']);
    expect(r.code).toBe(1);
    const { findings } = JSON.parse(r.stdout) as { findings: Array<Record<string, unknown>> };
    expect(findings[0]).toMatchObject({
      code: 'BM_SHARE_ACCESS_DENIED',
      severity: 'error',
      lines: [9, 10, 11],
    });
    expect(typeof findings[0]!.cause).toBe('string');
    expect(typeof findings[0]!.remedy).toBe('string');
    expect((await cliInProcess(['diagnose', fixture('clean.log'), '--lang', 'de'])).stdout).toContain(
      'Keine bekannten Probleme gefunden.',
    );
    expect((await cliInProcess(['diagnose', fixture('clean.log')])).code).toBe(0);
  });

  test('bad input: a clear message and exit 2, never a crash; in a folder such files are listed as left out', async () => {
    for (const [name, code] of [
      ['empty.log', 'E_DIAG_EMPTY'],
      ['binary.bin', 'E_DIAG_BINARY'],
      ['not-a-log.txt', 'E_DIAG_FORMAT'],
      ['does-not-exist.log', 'E_DIAG_PATH'],
    ]) {
      const r = await cliInProcess(['diagnose', fixture(name!), '--lang', 'de']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(code);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    const folder = await cliInProcess(['diagnose', FIXTURES, '--json', '--lang', 'en']);
    const report = JSON.parse(folder.stdout) as {
      files: Array<{ file: string; skipped?: string }>;
      findings: unknown[];
    };
    expect(report.files.filter((f) => f.skipped).map((f) => f.file.split('/').pop())).toEqual([
      'binary.bin',
      'empty.log',
      'not-a-log.txt',
    ]);
    expect(report.findings.length).toBeGreaterThanOrEqual(12);
  });
});

import { describe, expect, it } from 'vitest';
import {
  DB_SCRIPT_STEPS,
  HOPS_CLEANUP,
  HOPS_PREPARE,
  hopSteps,
  MIGRATE_SQL_SCRIPTS,
  SQL_EXPRESS_RENAMES,
  SQL_EXPRESS_STEPS,
  type StepDef,
  V4_EXPORT_ITEMS,
  V4V9_STEPS,
  V8V9_BACKUP,
  V8V9_BACKUP_MANAGER,
  V8V9_CUTOVER,
  V8V9_CUTOVER_BACKUP,
  V8V9_MATRIX,
  V8V9_SQL_RESTORE,
} from '../../src/catalog/index.js';

const ALL: StepDef[] = [
  ...V4V9_STEPS,
  ...HOPS_PREPARE,
  ...[5, 6, 7].flatMap((v) => hopSteps(v, v + 1)),
  HOPS_CLEANUP,
  ...V8V9_BACKUP_MANAGER,
  V8V9_BACKUP,
  ...V8V9_CUTOVER,
  V8V9_CUTOVER_BACKUP,
  ...V8V9_MATRIX.flatMap((r) => r.steps),
  ...V8V9_SQL_RESTORE,
  ...SQL_EXPRESS_STEPS,
  ...DB_SCRIPT_STEPS,
];

describe('the catalog', () => {
  it('has unique step ids across all paths', () => {
    const ids = ALL.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every step an effect exactly when the tool performs it', () => {
    for (const step of ALL) {
      const performed = step.kind !== 'manual';
      expect(step.effect !== undefined, step.id).toBe(performed);
    }
  });

  it('has the V4 path with its 7 points and the export items a–e', () => {
    const points = new Set(V4V9_STEPS.map((s) => s.row!.replace(/[a-e]$/, '')));
    // Every point, in the order they are done: the check of point 3 runs on the new machine of point 4.
    expect([...points]).toEqual(['1', '2', '5', '6', '4', '3', '7']);
    expect(V4_EXPORT_ITEMS.map((i) => i.item)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(V4V9_STEPS.filter((s) => /^6[a-e]$/.test(s.row ?? '')).map((s) => s.row)).toEqual([
      '6a',
      '6b',
      '6c',
      '6d',
      '6e',
    ]);
  });

  it('makes every hop snapshot → update → reboot → test client → snapshot', () => {
    // The Backup-Manager's backup (the operator's, its log checked by xpmigrate), snapshot, intermediate server.
    expect(HOPS_PREPARE.map((s) => s.kind)).toEqual(['manual', 'check', 'snapshot', 'manual']);
    const hop = hopSteps(6, 7);
    expect(hop.map((s) => s.kind)).toEqual(['manual', 'reboot', 'manual', 'snapshot']);
    expect(hop.map((s) => s.id)).toEqual([
      'hop.v6v7.update',
      'hop.v6v7.reboot',
      'hop.v6v7.test-client',
      'hop.v6v7.snapshot',
    ]);
    expect(hop[0]!.evidence?.[0]?.pattern).toBe('^7(\\.\\d+){0,3}$');
    expect(new RegExp(hop[0]!.evidence![0]!.pattern!).test('7.0.1234')).toBe(true);
    expect(new RegExp(hop[0]!.evidence![0]!.pattern!).test('6.0.1234')).toBe(false);
  });

  it('has the SQL Express upgrade with its 6 points, both BAT scripts and the renames', () => {
    expect([...new Set(SQL_EXPRESS_STEPS.map((s) => s.row))]).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(MIGRATE_SQL_SCRIPTS.main).toBe('.\\Software\\Server\\3rdParty\\sql\\MigrateSQLServer_UC.BAT');
    expect(MIGRATE_SQL_SCRIPTS.analytics).toBe(
      '.\\Software\\Server\\3rdParty\\sql\\MigrateSQLServer_STAT.BAT',
    );
    expect(SQL_EXPRESS_RENAMES.map((r) => `${r.from}->${r.to}`)).toEqual([
      'XPCONNECT->XPCONNECT2019',
      'XPANALYTICS->XPANALYTICS2019',
    ]);
  });

  it('has the database move with export and import', () => {
    expect(DB_SCRIPT_STEPS.map((s) => s.effect?.name ?? s.kind)).toEqual([
      'sql-script.export',
      'manual',
      'sql-script.import',
      'sql-script.verify',
    ]);
  });

  it('names the guide section of every step', () => {
    for (const step of ALL) expect(step.source.section, step.id).toMatch(/^[A-ZÄÖÜ0-9 /]+$/);
  });
});

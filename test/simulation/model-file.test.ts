import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultModel, loadModel, type SqlModel } from '../../src/simulation/index.js';
import { sampleCatalog } from '../../src/simulation/simulated-catalog.js';

/** A model file with the old server's export catalog, as the rehearsal writes it. */
function modelFile(): { file: string; model: SqlModel } {
  const file = join(mkdtempSync(join(tmpdir(), 'xpm-model-')), 'OLD.json');
  const model = defaultModel('OLDXPHONE\\XPCONNECT', '/tmp');
  model.catalogs = { XPDATA: sampleCatalog('XPDATA', model.dataPath)! };
  writeFileSync(file, JSON.stringify(model));
  return { file, model };
}

describe('a simulated server’s model file, read for every statement', () => {
  it('sees another writer’s change of the same size at once (no time stamp decides)', () => {
    const { file, model } = modelFile();
    expect(loadModel(file)!.version).toBe('15.0.2000.5');
    writeFileSync(file, JSON.stringify({ ...model, version: '15.0.2000.6' }));
    expect(loadModel(file)!.version).toBe('15.0.2000.6');
  });

  it('gives each reader its own copy: a change not saved is not seen by the next reader', () => {
    const { file } = modelFile();
    const first = loadModel(file)!;
    first.logins.sa!.sysadmin = false;
    first.catalogs!.XPDATA!.queries.database![0]!.compatibilityLevel = 90;
    const second = loadModel(file)!;
    expect(second.logins.sa!.sysadmin).toBe(true);
    expect(second.catalogs!.XPDATA!.queries.database![0]!.compatibilityLevel).not.toBe(90);
  });

  it('saves a copy as it stands: catalogs untouched, changed, replaced or dropped', () => {
    const { file, model } = modelFile();
    const untouched = JSON.parse(JSON.stringify(loadModel(file))) as SqlModel;
    expect(untouched.catalogs).toEqual(model.catalogs);

    const changed = loadModel(file)!;
    changed.catalogs!.XPDATA!.queries.database![0]!.compatibilityLevel = 90;
    expect(JSON.parse(JSON.stringify(changed)).catalogs.XPDATA.queries.database[0].compatibilityLevel).toBe(
      90,
    );

    const replaced = loadModel(file)!;
    replaced.catalogs = {};
    expect(JSON.parse(JSON.stringify(replaced)).catalogs).toEqual({});

    const dropped = loadModel(file)!;
    delete dropped.catalogs;
    expect('catalogs' in JSON.parse(JSON.stringify(dropped))).toBe(false);
    expect({ ...loadModel(file)! }.catalogs).toEqual(model.catalogs);
  });
});

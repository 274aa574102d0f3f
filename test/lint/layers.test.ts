import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = join(ROOT, 'scripts', 'check-layers.js');

/** A copy of src/ with one file planted in it, checked by the lint's layer rules. */
function checkWith(planted: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'xpm-layers-'));
  cpSync(join(ROOT, 'src'), join(root, 'src'), { recursive: true });
  for (const [file, text] of Object.entries(planted)) writeFileSync(join(root, file), text);
  const r = spawnSync(process.execPath, [SCRIPT, root], { encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr };
}

describe('the layer rules (npm run lint)', () => {
  it('hold for the tree as it is', () => {
    expect(checkWith({})).toEqual({ code: 0, stderr: '' });
  });

  it('fail on a forbidden import, naming the file and the rule', () => {
    const cases: Array<[string, string, RegExp]> = [
      [
        'src/catalog/planted.ts',
        "import { Store } from '../persistence/index.js';",
        /catalog may not import persistence/,
      ],
      [
        'src/actors/planted.ts',
        "import { openDb } from '../persistence/index.js';",
        /actors may not import persistence/,
      ],
      [
        'src/actors/planted.ts',
        "import { doctor } from '../diagnose/index.js';",
        /actors may not import diagnose/,
      ],
      ['src/host/planted.ts', "import { EFFECTS } from '../actors/index.js';", /host may not import actors/],
      ['src/cli/planted.ts', "import { drive } from '../runtime/index.js';", /cli may not import runtime/],
      [
        'src/inspect/planted.ts',
        "export { Store } from '../persistence/index.js';",
        /inspect may not import persistence/,
      ],
      [
        'src/service/planted.ts',
        "import { x } from '../../test/support/cli.js';",
        /imports nothing outside src/,
      ],
      ['src/service/planted.ts', "import { drive } from '../runtime/driver.js';", /deep import/],
    ];
    for (const [file, text, rule] of cases) {
      const r = checkWith({ [file]: `${text}\n` });
      expect(r.code, file).toBe(1);
      expect(r.stderr, text).toMatch(rule);
      expect(r.stderr).toContain(file);
    }
  });

  it('fail on an import cycle', () => {
    const r = checkWith({
      'src/plan/cycle-a.ts': "import { b } from './cycle-b.js';\nexport const a = () => b;\n",
      'src/plan/cycle-b.ts': "import { a } from './cycle-a.js';\nexport const b = () => a;\n",
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/import cycle: src\/plan\/cycle-(a|b)\.ts → src\/plan\/cycle-(a|b)\.ts/);
  });
});

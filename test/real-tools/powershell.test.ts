import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { XpmError } from '../../src/errors/index.js';
import { runPowerShell } from '../../src/host/windows/index.js';
import { type GeneratedScript, generatedScripts, HOSTILE } from './generated-scripts.js';
import { PWSH, prepare, pwsh, TOOLS } from './tools.js';

interface Judged {
  file: string;
  errors: Array<{ line: number; column: number; message: string }>;
  newer: Array<{ line: number; what: string; text: string }>;
}

/** PowerShell's own parser on each script: its errors, and syntax Windows PowerShell 5.1 lacks. */
function judge(scripts: Array<Pick<GeneratedScript, 'key' | 'text'>>): Judged[] {
  const dir = mkdtempSync(join(tmpdir(), 'xpm-ps-judge-'));
  for (const s of scripts) writeFileSync(join(dir, `${s.key}.ps1`), s.text);
  const r = pwsh(['-File', join(TOOLS, 'ps-judge', 'check.ps1'), '-Folder', dir]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Judged[];
}

describe("PowerShell's parser judges every script the product generates", () => {
  let scripts: GeneratedScript[];
  beforeAll(async () => {
    prepare();
    scripts = await generatedScripts();
  });

  it('parses each with no error and no syntax that Windows PowerShell 5.1 lacks', () => {
    // Every builder was reached: the host's operations, the resume task, Hyper-V local and remote.
    const tasks = new Set(scripts.map((s) => s.task.replace(/-\d+$/, '')));
    for (const t of [
      'services',
      'stop-services',
      'resume-task',
      'hyperv-take-local',
      'hyperv-take-remote',
      'app-pool',
    ])
      expect(tasks, t).toContain(t);
    const judged = judge(scripts);
    expect(judged).toHaveLength(scripts.length);
    const bad = judged.filter((j) => j.errors.length > 0 || j.newer.length > 0);
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
    console.log(`PowerShell judge: ${scripts.length} generated scripts parsed, ${bad.length} with findings`);
  });

  it('catches a planted 5.1-incompatible operator and a parse error', () => {
    const [first] = scripts;
    const judged = judge([
      {
        key: 'planted-coalesce',
        text: first!.text.replace("'SilentlyContinue'", "$null ?? 'SilentlyContinue'"),
      },
      { key: 'planted-chain', text: `${first!.text}\nGet-Item a && Get-Item b` },
      { key: 'planted-broken', text: `${first!.text}\n$x = "unterminated` },
    ]);
    expect(judged.find((j) => j.file === 'planted-coalesce.ps1')?.newer[0]?.what).toMatch(/\?\?/);
    expect(judged.find((j) => j.file === 'planted-chain.ps1')?.newer[0]?.what).toMatch(/&&/);
    expect(judged.find((j) => j.file === 'planted-broken.ps1')?.errors[0]?.message).toMatch(/terminator/);
  });
});

describe('PowerShell 7 started as the product starts it', () => {
  const run = (text: string) => runPowerShell({ task: 'judge', text }, { exe: PWSH, timeoutMs: 60_000 });
  beforeAll(() => prepare());

  it('hands back JSON that survives umlauts, whatever the console encoding', async () => {
    expect(
      await run(`[pscustomobject]@{ account = 'XPHONE\\Müller'; n = 2 } | ConvertTo-Json -Compress`),
    ).toEqual({
      account: 'XPHONE\\Müller',
      n: 2,
    });
  });

  it('turns a thrown error and a script PowerShell cannot parse into one clear line', async () => {
    const thrown = await run("throw 'Zugriff verweigert: C:\\Temp'").catch((e: unknown) => e);
    expect(thrown).toMatchObject({
      code: 'E_POWERSHELL_FAILED',
      params: { detail: 'Zugriff verweigert: C:\\Temp' },
    });
    // Outside the wrapper's try: PowerShell itself reports it, as CLIXML on the redirected stderr.
    const broken = await run('}').catch((e: unknown) => e as XpmError);
    const detail = String((broken as XpmError).params.detail);
    expect(detail).toMatch(/^ParserError: .*Missing closing/);
    expect(detail).not.toMatch(/CLIXML|_x00|\u001b|<S /);
  });
});

describe('Pester runs the generated scripts with the cmdlets they call mocked', () => {
  it('services, registry reads, the resume task, the app pool, the BAT script and Hyper-V do what they say, hostile names included', async () => {
    prepare();
    const dir = mkdtempSync(join(tmpdir(), 'xpm-pester-'));
    for (const s of await generatedScripts()) writeFileSync(join(dir, `${s.key}.ps1`), s.text);
    writeFileSync(join(dir, 'hostile.json'), JSON.stringify(HOSTILE));
    const pester = join(TOOLS, '.packages', 'pester', '5.7.1', 'tools', 'Pester.psd1');
    const tests = join(TOOLS, 'ps-judge', 'scripts.Tests.ps1');
    const r = pwsh(
      [
        '-Command',
        `$env:XPM_SCRIPTS = '${dir}'; Import-Module '${pester}'; $c = New-PesterConfiguration; $c.Run.Path = '${tests}'; $c.Run.PassThru = $true; $c.Output.Verbosity = 'Detailed'; $r = Invoke-Pester -Configuration $c; "passed=$($r.PassedCount) failed=$($r.FailedCount)"; exit $r.FailedCount`,
      ],
      180_000, // a script that hangs fails this test instead of holding CI
    );
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`passed=${17 + 2 * HOSTILE.length} failed=0`));
  });
});

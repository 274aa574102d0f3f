import { describe, expect, it } from 'vitest';
import { cleanEnv, cliInProcess, runCli } from '../support/cli.js';

const json = async (args: string[]) => {
  const r = await cliInProcess(['plan', '--format', 'json', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};

describe('xpmigrate plan (child process)', () => {
  it('prints the documented JSON shape', async () => {
    const plan = await json(['--from', 'V5', '--target', 'A', '--virtual', 'yes', '--lang', 'en']);
    expect(plan).toMatchObject({
      schema: 1,
      lang: 'en',
      job: 'upgrade',
      route: 'hops-v8v9',
      plan: { id: 'A' },
    });
    expect(plan.from).toEqual({ input: 'V5', normalized: '5', major: 5, product: 'XPhone Connect V5' });
    expect(plan.phases.map((p: { id: string }) => p.id)).toEqual([
      'hops.prepare',
      'hop.v5v6',
      'hop.v6v7',
      'hop.v7v8',
      'v8v9',
    ]);
    const v8v9 = plan.phases.at(-1);
    const row7a = v8v9.steps.find((s: { row: string }) => s.row === '7a');
    expect(row7a).toMatchObject({ id: 'v8v9.7a.analytics-app-pool', applies: 'no', kind: 'auto' });
    expect(row7a.marks).toEqual({ A: '', B: 'X', C: 'X', D: 'X' });
    for (const phase of plan.phases) {
      for (const step of phase.steps) {
        expect(Object.keys(step)).toEqual(
          expect.arrayContaining(['id', 'row', 'applies', 'kind', 'title', 'reason']),
        );
        expect(['required', 'optional', 'no']).toContain(step.applies);
      }
    }
    const total = plan.phases.reduce((n: number, p: { steps: unknown[] }) => n + p.steps.length, 0);
    expect(plan.summary.required + plan.summary.optional + plan.summary.no).toBe(total);
  });

  it('speaks German and English', async () => {
    const de = await json(['--from', '8', '--target', 'B', '--lang', 'de']);
    const en = await json(['--from', '8', '--target', 'B', '--lang', 'en']);
    const title = (p: { phases: Array<{ steps: Array<{ id: string; title: string }> }> }) =>
      p.phases[0]!.steps.find((s) => s.id === 'v8v9.12.restore')!.title;
    expect(title(de)).toBe('Restore starten (Backup-Manager)');
    expect(title(en)).toBe('Start the restore (Backup-Manager)');
    const text = runCli(['plan', '--from', '8', '--target', 'B'], { env: cleanEnv({ LANG: 'de_DE.UTF-8' }) });
    expect(text.stdout).toContain('Umzugsplan B');
    expect(text.stdout).toContain('X = Pflicht, (X) = optional');
  });

  it('prints the guide-style table in text and markdown', async () => {
    const text = await cliInProcess([
      'plan',
      '--from',
      '8',
      '--target',
      'C',
      '--analytics',
      'yes',
      '--lang',
      'en',
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^ {2}7a\s+–\s+X\s+X\s+X\s+required\s+auto\s+new XPhone server\s+IIS application pool/m,
    );
    // Every step says where it happens; the old server's cut-over steps are driven from the new one.
    expect(text.stdout).toMatch(
      /existing XPhone server \(from: new XPhone server\)\s+Cut-over: stop the XPhone services/,
    );
    expect(text.stdout).toMatch(
      /required\s+manual\s+existing XPhone server\s+Hand-over: from here xpmigrate runs/,
    );
    expect(text.stdout).toMatch(/^ {2}3\s+\(X\)\s+\(X\)\s+\(X\)\s+–\s+optional/m);
    const md = await cliInProcess([
      'plan',
      '--from',
      '8',
      '--target',
      'C',
      '--analytics',
      'yes',
      '--format',
      'markdown',
      '--lang',
      'en',
    ]);
    expect(md.stdout).toContain('| # | A | B | C | D | applies | kind | machine | step | reason |');
    expect(md.stdout).toMatch(/\| 7a \| – \| X \| X \| X \| required \|/);
    // Markup in a title is text, not a tag: step 8's <Databases> stays visible.
    expect(md.stdout).toContain('atlas.xml: point \\<Databases\\> at the external databases');
    // The guide's links: at the plan choice and at rows 2a, 2b, 3 and 8.
    const ext = 'https://help.c4b.com/xphone-connect-9/doc/de/admin/start/app-int/sql.html#ext-sql';
    const exchange =
      'https://help.c4b.com/xphone-connect-9/doc/de/admin/start/app-int/app-int.html#microsoft-exchange';
    expect(text.stdout).toContain(`The guide's notes on using an existing SQL Server: ${ext}`);
    expect(text.stdout.split(`Notes: ${ext}`)).toHaveLength(3); // 2a and 8
    expect(text.stdout.split(`Notes: ${exchange}`)).toHaveLength(3); // 2b and 3
    const json = JSON.parse(
      (await cliInProcess(['plan', '--from', '4.5.35 SR5', '--format', 'json'])).stdout,
    ) as {
      phases: Array<{ steps: Array<{ id: string; source: { link: string | null } }> }>;
    };
    const linked = json.phases[0]!.steps.filter((st) => st.source.link).map((st) => st.id);
    expect(linked).toEqual(['v4v9.7.install-v9', 'v4v9.7.import']);
  });

  const bad: Array<[string[], string, RegExp]> = [
    [['--from', 'V3'], 'E_INPUT_VERSION_OLD', /--from "V3"/],
    [['--from', '10.1'], 'E_INPUT_VERSION_NEW', /--from "10.1"/],
    [['--from', 'banana'], 'E_INPUT_VERSION', /--from "banana": not a known XPhone version/],
    [['--from', '8', '--target', 'E'], 'E_INPUT_PLAN', /--target "E": unknown plan/],
    [
      ['--from', '8', '--target', 'D', '--existing-sql-server', 'no'],
      'E_INPUT_CONTRADICTION',
      /Plan D contradicts --existing-sql-server no/,
    ],
    [['--from', '8', '--users', 'many'], 'E_INPUT_USERS', /--users "many"/],
    [['--from', '8', '--virtual', 'maybe'], 'E_INPUT_CHOICE', /--virtual "maybe"/],
    [['--from', '8', '--format', 'pdf'], 'E_INPUT_CHOICE', /--format "pdf"/],
    [['--from', '8', '--frm', '8'], 'E_USAGE', /unknown option --frm/],
    [[], 'E_INPUT_MISSING', /--from is missing/],
  ];
  for (const [args, code, message] of bad) {
    it(`refuses ${args.join(' ') || '(nothing)'} with exit 2 and ${code}`, async () => {
      const r = await cliInProcess(['plan', '--lang', 'en', ...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const first = r.stderr.split('\n')[0]!;
      expect(first).toContain(`[${code}]`);
      expect(first).toMatch(message);
      expect(r.stderr).toMatch(/^ {2}remedy: /m);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('explains bad input in German too', async () => {
    const r = await cliInProcess(['plan', '--lang', 'de', '--from', 'banana']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('keine bekannte XPhone Version');
    expect(r.stderr).toContain('Abhilfe: Erlaubt: V4');
  });

  it('refuses an unknown --lang and shows help in German', async () => {
    const r = await cliInProcess(['plan', '--lang', 'fr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--lang "fr"');
    const help = await cliInProcess(['plan', '--help', '--lang', 'de']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Aufruf:');
    expect(help.stdout).toContain('installierte XPhone Version');
  });

  it('plan A with many users is a warning, not an error', async () => {
    const plan = await json(['--from', '8', '--target', 'A', '--users', '800', '--lang', 'en']);
    expect(plan.plan.id).toBe('A');
    expect(plan.warnings.map((w: { code: string }) => w.code)).toContain('EXPRESS_TOO_MANY_USERS');
  });
});

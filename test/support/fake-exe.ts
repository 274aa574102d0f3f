import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FAKE = fileURLToPath(new URL('./fake-exe/fake.cjs', import.meta.url));

export interface FakeRule {
  match: string;
  exe?: 'pwsh' | 'powershell' | 'govc';
  stdout?: unknown;
  stderr?: string;
  code?: number;
  /** Applies only once an earlier call held this text (e.g. after 'Checkpoint-VM'). */
  after?: string;
}

export interface FakeCall {
  name: string;
  args: string[];
  script?: string;
}

/**
 * Fake `pwsh`, `powershell` and `govc` executables in a folder of their own: `env` puts them
 * first on PATH; `rules` says how they answer; `calls()` reads what they were asked.
 */
export function fakeExecutables(rules: FakeRule[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'xpm-fake-'));
  const log = join(dir, 'calls.jsonl');
  const rulesFile = join(dir, 'rules.json');
  writeFileSync(log, '');
  for (const name of ['pwsh', 'powershell', 'govc']) {
    const file = join(dir, name);
    writeFileSync(file, `#!/bin/sh\nFAKE_NAME=${name} exec "${process.execPath}" "${FAKE}" "$@"\n`);
    chmodSync(file, 0o755);
  }
  const setRules = (next: FakeRule[]) => writeFileSync(rulesFile, JSON.stringify(next));
  setRules(rules);
  return {
    dir,
    env: { PATH: `${dir}${delimiter}${process.env.PATH}`, FAKE_LOG: log, FAKE_RULES: rulesFile },
    setRules,
    calls: (): FakeCall[] =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as FakeCall),
  };
}

/**
 * Reads a PowerShell single-quoted literal starting at `text[at]` the way PowerShell does: any
 * of ' ‘ ’ ‚ ‛ ends it unless another one follows (a doubled quote is one quote). Written
 * independently of the product's quoting, to check it.
 */
export function readPsLiteral(text: string, at: number): { value: string; end: number } {
  const quote = /['\u2018\u2019\u201A\u201B]/;
  if (!quote.test(text[at] ?? '')) throw new Error(`no literal at ${at}: ${text.slice(at, at + 20)}`);
  let value = '';
  let i = at + 1;
  for (;;) {
    const ch = text[i];
    if (ch === undefined) throw new Error('unterminated literal');
    if (quote.test(ch)) {
      if (quote.test(text[i + 1] ?? '')) {
        value += ch;
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    value += ch;
    i += 1;
  }
}

/** CommandLineToArgvW's reading of a command line (for the resume task's arguments). */
export function parseWindowsCommandLine(line: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (i >= line.length) break;
    let arg = '';
    let quoted = false;
    for (; i < line.length; i++) {
      const ch = line[i]!;
      if (!quoted && (ch === ' ' || ch === '\t')) break;
      if (ch === '\\') {
        let n = 0;
        while (line[i + n] === '\\') n++;
        if (line[i + n] === '"') {
          arg += '\\'.repeat(Math.floor(n / 2));
          i += n;
          if (n % 2 === 1) arg += '"';
          else quoted = !quoted;
        } else {
          arg += '\\'.repeat(n);
          i += n - 1;
        }
        continue;
      }
      if (ch === '"') {
        if (quoted && line[i + 1] === '"') {
          arg += '"';
          i++;
        } else quoted = !quoted;
        continue;
      }
      arg += ch;
    }
    args.push(arg);
  }
  return args;
}

#!/usr/bin/env node
// A stand-in for pwsh, powershell and govc, put first on PATH by the tests. It records what it
// was asked (the decoded script for PowerShell, the argument vector for govc) in FAKE_LOG and
// answers from FAKE_RULES: the first rule whose `match` occurs in the script (or in the
// arguments joined by spaces) gives stdout, stderr and the exit code. Rules may be changed
// between calls: they are read on every call.
// A rule with `after` applies only once an earlier call held that text (the world changed: a
// checkpoint taken, a service stopped), as the real program's answers change with it.
const { appendFileSync, readFileSync } = require('node:fs');

const name = process.env.FAKE_NAME;
const args = process.argv.slice(2);
const encodedAt = args.indexOf('-EncodedCommand');
const script = encodedAt >= 0 ? Buffer.from(args[encodedAt + 1], 'base64').toString('utf16le') : undefined;
let earlier = '';
try {
  earlier = process.env.FAKE_LOG ? readFileSync(process.env.FAKE_LOG, 'utf8') : '';
} catch {
  // no call yet
}
if (process.env.FAKE_LOG) appendFileSync(process.env.FAKE_LOG, `${JSON.stringify({ name, args, script })}\n`);

const rules = process.env.FAKE_RULES ? JSON.parse(readFileSync(process.env.FAKE_RULES, 'utf8')) : [];
const haystack = script ?? args.join(' ');
const happened = (text) =>
  earlier
    .split('\n')
    .filter(Boolean)
    .some((line) => {
      const call = JSON.parse(line);
      return (call.script ?? call.args.join(' ')).includes(text);
    });
const rule = rules.find(
  (r) => (!r.exe || r.exe === name) && haystack.includes(r.match) && (!r.after || happened(r.after)),
);
if (!rule) {
  process.stdout.write('null\n');
  process.exit(0);
}
if (rule.stdout !== undefined)
  process.stdout.write(typeof rule.stdout === 'string' ? rule.stdout : JSON.stringify(rule.stdout));
if (rule.stderr) process.stderr.write(rule.stderr);
process.exit(rule.code ?? 0);

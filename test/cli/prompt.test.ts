import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askMissing } from '../../src/cli/prompt.js';

function streams(answers: string[]) {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (d) => {
    written += d;
  });
  input.end(answers.map((a) => `${a}\n`).join(''));
  return { input, output, written: () => written };
}

describe('askMissing', () => {
  it('asks for what the flags did not give, in order, and re-asks after a bad answer', async () => {
    const s = streams(['banana', 'V7', 'n', 'n', '650', 'j', 'n', 'n', 'j', 'n', 'n']);
    const input = await askMissing({}, 'de', s);
    expect(input).toEqual({
      from: 'V7',
      onlyDatabases: false,
      separateSqlServer: false,
      users: 650,
      analytics: true,
      virtual: false,
      calendarSync: false,
      exchangeContacts: true,
      voicemailOutlook: false,
      littleDowntime: false,
    });
    expect(s.written()).toContain('Ungültige Antwort: banana');
    expect(s.written()).toContain('Wie viele XPhone Benutzer?');
  });

  it('does not ask what was given, and stops quietly when the input ends', async () => {
    const s = streams(['y']);
    const input = await askMissing({ from: '9.0.330.1359', target: 'D', existingSqlServer: true }, 'en', s);
    expect(input).toEqual({ from: '9.0.330.1359', target: 'D', existingSqlServer: true, analytics: true });
    expect(s.written()).not.toContain('How many');
  });
});

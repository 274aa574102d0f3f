import { createInterface } from 'node:readline';
import { parseVersion } from '../catalog/index.js';
import { XpmError } from '../errors/index.js';
import { type Lang, say, type Text } from '../i18n/index.js';
import { decidePlan, type PlanInput } from '../plan/index.js';
import { T } from './texts/index.js';
import { parseYesNo } from './yes-no.js';

export interface PromptStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

/**
 * Asks for the answers the plan needs and the flags did not give. Only called when stdin is a
 * terminal; a closed input ends the questions and leaves the rest unknown.
 */
export async function askMissing(given: PlanInput, lang: Lang, streams: PromptStreams): Promise<PlanInput> {
  const rl = createInterface({ input: streams.input, terminal: false });
  // The iterator buffers lines, so answers piped in before a question is shown are not lost.
  const lines = rl[Symbol.asyncIterator]();
  let closed = false;
  const ask = async <V>(
    question: Text,
    accept: (answer: string) => V | undefined,
    suffix = { de: '', en: '' },
  ) => {
    for (let attempt = 0; attempt < 3 && !closed; attempt++) {
      streams.output.write(`${say(question, lang)}${suffix[lang]} `);
      const next = await lines.next();
      if (next.done) {
        closed = true;
        streams.output.write('\n');
        return undefined;
      }
      const value = accept(next.value);
      if (value !== undefined) return value;
      streams.output.write(`${say(T.askInvalid, lang, { detail: next.value })}\n`);
    }
    return undefined;
  };
  const input: PlanInput = { ...given };
  try {
    const job = input.job ?? 'upgrade';
    if (job === 'upgrade' && input.from === undefined) {
      const from = await ask(T.askFrom, (answer) => (parseVersion(answer).ok ? answer : undefined));
      if (from !== undefined) input.from = from;
    }
    const major =
      input.from === undefined
        ? undefined
        : (() => {
            const parsed = parseVersion(input.from);
            return parsed.ok ? parsed.version.major : undefined;
          })();
    const yesNo = async (key: keyof PlanInput, question: Text) => {
      if (input[key] !== undefined || closed) return;
      const answer = await ask(question, parseYesNo, { de: ' [j/n]', en: ' [y/n]' });
      if (answer !== undefined) (input as Record<string, unknown>)[key] = answer;
    };

    if (job === 'upgrade' && major !== undefined && major >= 5) {
      if (input.target === undefined && input.users === undefined && !input.separateSqlServer) {
        await yesNo('onlyDatabases', T.askOnlyDb);
        if (!input.onlyDatabases) await yesNo('separateSqlServer', T.askSeparate);
        if (!input.onlyDatabases && !input.separateSqlServer && !closed) {
          const users = await ask(T.askUsers, (a) =>
            /^\d+$/.test(a.trim()) && Number(a) > 0 ? Number(a) : undefined,
          );
          if (users !== undefined) input.users = users;
        }
      }
      await yesNo('analytics', T.askAnalytics);
      await yesNo('virtual', T.askVirtual);
      if (decidePlan(input).plan !== 'D') {
        await yesNo('calendarSync', T.askCalendar);
        await yesNo('exchangeContacts', T.askContacts);
        await yesNo('voicemailOutlook', T.askVoicemail);
      }
      if (major < 8) await yesNo('littleDowntime', T.askLittleDowntime);
    }
    if (job === 'sql-express') await yesNo('analytics', T.askAnalytics);
  } finally {
    rl.close();
  }
  return input;
}

/**
 * One yes/no question before something that cannot be undone. The answer may be piped in; with
 * no answer at all (input closed) nobody can confirm, which is an error, not a "no".
 */
export async function confirmAction(
  action: string,
  question: string,
  lang: Lang,
  streams: PromptStreams,
): Promise<boolean> {
  const rl = createInterface({ input: streams.input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      streams.output.write(`${question} [${lang === 'de' ? 'j/n' : 'y/n'}] `);
      const next = await lines.next();
      if (next.done) {
        streams.output.write('\n');
        throw new XpmError('E_CONFIRM_NEEDED', { action });
      }
      const answer = parseYesNo(next.value);
      if (answer !== undefined) return answer;
    }
    return false;
  } finally {
    rl.close();
  }
}

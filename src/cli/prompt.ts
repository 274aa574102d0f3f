import { createInterface, type Interface } from 'node:readline/promises';
import { parseVersion } from '../catalog/index.js';
import { type Lang, say, type Text } from '../i18n/index.js';
import { decidePlan, type PlanInput } from '../plan/index.js';
import { T } from './texts.js';
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
  const rl = createInterface({ input: streams.input, output: streams.output, terminal: false });
  let closed = false;
  rl.on('close', () => {
    closed = true;
  });
  const ask = <V>(question: Text, accept: (answer: string) => V | undefined, suffix = { de: '', en: '' }) =>
    askUntil(rl, streams.output, () => closed, `${say(question, lang)}${suffix[lang]} `, accept, lang);
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

async function askUntil<V>(
  rl: Interface,
  output: NodeJS.WritableStream,
  isClosed: () => boolean,
  prompt: string,
  accept: (answer: string) => V | undefined,
  lang: Lang,
): Promise<V | undefined> {
  for (let attempt = 0; attempt < 3 && !isClosed(); attempt++) {
    const answer = await questionOrUndefined(rl, prompt);
    if (answer === undefined) return undefined;
    const value = accept(answer);
    if (value !== undefined) return value;
    output.write(`${say(T.askInvalid, lang, { detail: answer })}\n`);
  }
  return undefined;
}

/** rl.question rejects when the input closes; that only means "no answer". */
async function questionOrUndefined(rl: Interface, prompt: string): Promise<string | undefined> {
  try {
    return await rl.question(prompt);
  } catch {
    return undefined;
  }
}

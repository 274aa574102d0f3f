import { LANGS, type Lang } from '../../visualizer/src/words.js';

export {
  JOURNAL_KIND_TEXT,
  RUN_STATUS_TEXT,
  STEP_STATE_TEXT,
  type StepState,
} from '../../visualizer/src/words.js';
/** Every user-facing text exists in German and English; the page speaks the same `Lang`. */
export { LANGS, type Lang };

/**
 * A character that changes how text is shown rather than being text: C0 and C1 controls (ESC,
 * BEL and OSC set a terminal's title or colours) and bidi marks (U+202E turns text around).
 * Tab and line break are not in it: where they are not allowed either, the caller says so.
 */
export const CONTROL_CHARACTER =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** A text in every language: adding one to LANGS makes the compiler name every text that lacks it. */
export type Text = Record<Lang, string>;

export type Params = Readonly<Record<string, string | number>>;

/** Picks the text in `lang` and fills `{name}` placeholders. */
export function say(text: Text, lang: Lang, params: Params = {}): string {
  return text[lang].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The text in every language with its placeholders filled: for what is kept and read later in either. */
export function sayAll(text: Text, params: Params = {}): Text {
  return Object.fromEntries(LANGS.map((lang) => [lang, say(text, lang, params)])) as Text;
}

export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

/**
 * The language when `--lang` is not given: the POSIX locale variables (Linux, and Windows
 * shells that set them), else the OS locale as Node's Intl reports it (Windows' UI language).
 */
export function detectLang(env: NodeJS.ProcessEnv = process.env, intlLocale?: string): Lang {
  for (const name of ['XPMIGRATE_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const value = env[name];
    if (value && value !== 'C' && value !== 'POSIX' && !value.startsWith('C.')) {
      return value.toLowerCase().startsWith('de') ? 'de' : 'en';
    }
  }
  // Asked only now: Intl's first use loads the locale data (about 10 ms at every start).
  return (intlLocale ?? systemLocale()).toLowerCase().startsWith('de') ? 'de' : 'en';
}

function systemLocale(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().locale;
  } catch {
    return 'en';
  }
}

import { type Lang, type Params, say, type Text } from '../i18n/index.js';
import { ERRORS, type ErrorCode } from './messages.js';

/**
 * An error a user can meet: a stable code, a message in their language and a remedy.
 * `exitCode` follows the CLI's documented codes (2 = bad input unless said otherwise).
 */
export class XpmError extends Error {
  readonly code: ErrorCode;
  readonly params: Params;
  readonly exitCode: number;

  constructor(code: ErrorCode, params: Params = {}, options: { exitCode?: number; cause?: unknown } = {}) {
    super(say(ERRORS[code].message, 'en', params), { cause: options.cause });
    this.name = 'XpmError';
    this.code = code;
    this.params = params;
    this.exitCode = options.exitCode ?? 2;
  }

  text(lang: Lang): string {
    return say(ERRORS[this.code].message, lang, this.params);
  }

  remedy(lang: Lang): string | undefined {
    const remedy = ERRORS[this.code].remedy;
    return remedy ? say(remedy, lang, this.params) : undefined;
  }

  /** The message and remedy in every language, e.g. to become a failed check. */
  texts(): { message: Text; remedy?: Text } {
    const remedy = ERRORS[this.code].remedy;
    return {
      message: { de: this.text('de'), en: this.text('en') },
      ...(remedy
        ? { remedy: { de: say(remedy, 'de', this.params), en: say(remedy, 'en', this.params) } }
        : {}),
    };
  }

  toJSON(lang: Lang = 'en'): { code: string; message: string; remedy?: string } {
    const remedy = this.remedy(lang);
    return { code: this.code, message: this.text(lang), ...(remedy ? { remedy } : {}) };
  }
}

export function isXpmError(value: unknown): value is XpmError {
  return value instanceof XpmError;
}

/**
 * A recorded failure in the reader's language: our message and remedy when the code is ours
 * and its params were kept, else the raw detail.
 */
export function failureTexts(
  code: string,
  params: Params | undefined,
  detail: string,
  lang: Lang,
): { text: string; remedy: string | null } {
  // A known code is said in the reader's language, also when its failure carries no parameters.
  if (code in ERRORS) {
    const e = new XpmError(code as ErrorCode, { detail, ...params });
    return { text: e.text(lang), remedy: e.remedy(lang) ?? null };
  }
  return { text: detail, remedy: null };
}

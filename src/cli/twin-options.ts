import type { Command } from 'commander';
import { XpmError } from '../errors/index.js';
import { type Lang, say } from '../i18n/index.js';
import type { PlanInput } from '../plan/index.js';
import { planInputWithTwin } from '../service/index.js';
import { readTwin, type Twin } from '../twin/index.js';
import { T } from './texts/index.js';

/** `--twin FILE` and `--estimate STEP=MINUTES` (repeatable), for plan and start. */
export function addTwinOptions(cmd: Command, lang: Lang): Command {
  return cmd
    .option('--twin <file>', say(T.optTwin, lang))
    .option(
      '--estimate <step=minutes>',
      say(T.optEstimate, lang),
      (v: string, all: string[]) => [...all, v],
      [],
    );
}

/** The twin named by `--twin`, checked (newer, damaged, another product: refused). */
export function twinFrom(options: Record<string, unknown>): Twin | undefined {
  return typeof options.twin === 'string' ? readTwin(options.twin) : undefined;
}

/** The plan's answers with what the twin knows (the operator's own answers win). */
export function withTwin(input: PlanInput, twin: Twin | undefined): PlanInput {
  return twin ? planInputWithTwin(input, twin) : input;
}

/** `v8v9.6.install-xphone=45` → { 'v8v9.6.install-xphone': 45 }; minutes 0–1440. */
export function estimatesFrom(options: Record<string, unknown>): Record<string, number> {
  const estimates: Record<string, number> = {};
  for (const item of (options.estimate as string[] | undefined) ?? []) {
    const m = /^([\w.-]+)=(\d{1,4}(?:\.\d+)?)$/.exec(item.trim());
    const minutes = m ? Number(m[2]) : Number.NaN;
    if (!m || minutes > 1440)
      throw new XpmError('E_INPUT_CHOICE', {
        flag: '--estimate',
        value: item,
        allowed: 'STEP=MINUTES (0–1440)',
      });
    estimates[m[1]!] = minutes;
  }
  return estimates;
}

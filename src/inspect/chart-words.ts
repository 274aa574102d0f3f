import type { ChartEdge, ChartNode, RunView } from '../../visualizer/src/protocol.js';
import { type Lang, say, type Text } from '../i18n/index.js';
import { stateKey } from '../machines/index.js';

/** A node's text: its key without the parent's prefix (`hop_v5v6_update__failed` → `update · failed`). */
export function nodeLabel(key: string, parentKey: string | null): string {
  const own = parentKey && key.startsWith(`${parentKey}_`) ? key.slice(parentKey.length + 1) : key;
  const [base, suffix] = own.split('__');
  return suffix ? `${base} · ${suffix}` : (base ?? own);
}

/** An edge's text: the event, `always`, `done`, and the guard in brackets. */
export function edgeLabel(edge: ChartEdge): string {
  const name = edge.kind === 'event' ? edge.event : edge.kind;
  return edge.guard ? `${name} [${edge.guard}]` : name;
}

/** What the statechart's nodes and edges say, and a node's longer text for its tooltip. */
export interface ChartWords {
  node(node: ChartNode, parent: ChartNode | null): string;
  hint(node: ChartNode): string;
  edge(edge: ChartEdge): string;
}

/** The machine's own names: what tests and the Stately inspector read. */
export const MACHINE_WORDS: ChartWords = {
  node: (node, parent) => nodeLabel(node.key, parent?.key ?? null),
  hint: (node) => (node.stepId ? `${node.stepId}\n${node.id}` : node.id),
  edge: edgeLabel,
};

/** The step protocol's sub-states (`…__failed`), the finals and the events, in words. */
const STATE: Record<string, Text> = {
  failed: { de: 'fehlgeschlagen', en: 'failed' },
  boot: { de: 'Neustart läuft', en: 'rebooting' },
  unhealthy: { de: 'nicht bereit', en: 'not healthy' },
  complete: { de: 'Phase fertig', en: 'phase complete' },
  done: { de: 'Fertig', en: 'Finished' },
  aborted: { de: 'Abgebrochen', en: 'Aborted' },
};
const EVENT: Record<string, Text> = {
  CONFIRM: { de: 'bestätigen', en: 'confirm' },
  SKIP: { de: 'überspringen', en: 'skip' },
  ABORT: { de: 'abbrechen', en: 'abort' },
  RETRY: { de: 'wiederholen', en: 'retry' },
  EFFECT_DONE: { de: 'erledigt', en: 'done' },
  EFFECT_FAILED: { de: 'Fehler', en: 'error' },
  BOOTED: { de: 'hochgefahren', en: 'booted' },
  BOOT_TIMEOUT: { de: 'Zeit abgelaufen', en: 'timed out' },
  done: { de: 'Phase fertig', en: 'phase complete' },
  always: { de: 'sofort', en: 'at once' },
};
const GUARD: Record<string, Text> = {
  canSkip: { de: 'wenn überspringbar', en: 'if skippable' },
  evidenceComplete: { de: 'mit Nachweisen', en: 'with evidence' },
};

/** Long step titles are cut here in the chart; the tooltip and the map carry them whole. */
const LABEL_MAX = 34;
const cut = (s: string) => (s.length > LABEL_MAX ? `${s.slice(0, LABEL_MAX - 1).trimEnd()}…` : s);

/**
 * The statechart in the page's language: a step by its title, a phase by its title, the
 * protocol's states and events in words. Unknown names fall back to the machine's own.
 */
export function chartWords(view: RunView, lang: Lang): ChartWords {
  const steps = new Map(view.steps.map((s) => [s.id, s.title]));
  const phases = new Map(view.phases.map((p) => [stateKey(p.id), p.title]));
  const word = (table: Record<string, Text>, name: string) => {
    const text = table[name];
    return text ? say(text, lang) : name;
  };
  return {
    node(node, parent) {
      const suffix = node.key.split('__')[1];
      const title = node.stepId ? steps.get(node.stepId) : phases.get(node.key);
      if (title) return suffix ? `${cut(title)} · ${word(STATE, suffix)}` : cut(title);
      if (node.type === 'final') return word(STATE, node.key);
      return MACHINE_WORDS.node(node, parent);
    },
    hint(node) {
      const title = node.stepId ? steps.get(node.stepId) : phases.get(node.key);
      const suffix = node.key.split('__')[1];
      return [title ?? node.key, suffix ? word(STATE, suffix) : null].filter(Boolean).join(' · ');
    },
    edge(edge) {
      const name = edge.kind === 'event' ? word(EVENT, edge.event) : word(EVENT, edge.kind);
      const guard = edge.guard && GUARD[edge.guard] ? say(GUARD[edge.guard]!, lang) : null;
      return guard ? `${name} (${guard})` : name;
    },
  };
}

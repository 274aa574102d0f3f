import type { Text } from '../../i18n/index.js';

/** `ui`, the visualizer. */
export const UI = {
  cmdUi: {
    de: 'Visualizer im Browser: Zustandsdiagramm live, Checkliste, Journal, Snapshots; Schritte bestätigen, wiederholen, überspringen, zurückrollen',
    en: 'visualizer in the browser: the live statechart, checklist, journal, snapshots; confirm, retry, skip steps, roll back',
  },
  optUiPort: { de: 'Port (0 = ein freier)', en: 'port (0 = any free one)' },
  optUiHost: {
    de: 'Adresse, auf der gelauscht wird; eine andere als dieser Rechner nur mit Bedacht',
    en: 'address to listen on; anything but this machine only with care',
  },
  optUiInspect: {
    de: 'zusätzlich an einen WebSocket-Inspector senden (Stately Inspector, @statelyai/inspect), z.B. ws://localhost:8080',
    en: 'also stream to a WebSocket inspector (Stately inspector, @statelyai/inspect), e.g. ws://localhost:8080',
  },
  uiListening: {
    de: 'Visualizer für Lauf {run}: {url}\n  Nur mit diesem Token erreichbar. Beenden mit Strg+C.',
    en: 'Visualizer for run {run}: {url}\n  Reachable only with this token. Stop with Ctrl+C.',
  },
  uiNotLoopback: {
    de: 'Achtung: lauscht auf {host}, nicht nur auf diesem Rechner. Wer die Adresse mit Token kennt, kann den Lauf steuern.',
    en: 'Caution: listening on {host}, not only on this machine. Whoever knows the address with its token can drive the run.',
  },
  uiInspecting: { de: 'Sende auch an den Inspector {url}.', en: 'Also streaming to the inspector at {url}.' },
} as const satisfies Record<string, Text>;

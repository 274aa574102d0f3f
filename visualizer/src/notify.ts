import { byId } from './dom.js';
import type { Lang, RunView } from './protocol.js';
import { runStatusText, t } from './texts.js';

/** The operator's choice, kept per browser: off until they ask for it. */
const KEY = 'xpmigrate-notify';
/** The states that need a person, and the end: each is told once when the run enters it. */
const TOLD: ReadonlySet<RunView['status']> = new Set([
  'waiting-operator',
  'waiting-reboot',
  'failed',
  'done',
]);

const available = () => typeof Notification !== 'undefined' && window.isSecureContext;
const wanted = () =>
  localStorage.getItem(KEY) === 'on' && available() && Notification.permission === 'granted';

/**
 * The opt-in browser notification. The browser asks for permission only after the operator's
 * click (browsers refuse the question without one). A page opened by address rather than
 * 127.0.0.1 is not a secure context, so the button says notifications are not available.
 */
export function wireNotify(lang: Lang): void {
  const button = byId<HTMLButtonElement>('notify');
  const show = () => {
    const on = wanted();
    button.setAttribute('aria-pressed', String(on));
    button.textContent = t(lang, on ? 'notifyOn' : 'notifyOff');
    button.title = t(lang, on ? 'notifyOnHint' : 'notifyOffHint');
  };
  if (!available()) {
    button.disabled = true;
    button.textContent = t(lang, 'notifyOff');
    button.title = t(lang, 'notifyUnavailable');
    return;
  }
  show();
  button.addEventListener('click', async () => {
    if (wanted()) localStorage.setItem(KEY, 'off');
    else if ((await Notification.requestPermission()) === 'granted') localStorage.setItem(KEY, 'on');
    else button.title = t(lang, 'notifyDenied');
    show();
    if (Notification.permission === 'denied') button.title = t(lang, 'notifyDenied');
  });
}

/** Tells the operator, when they asked for it, that the run now needs them (or has finished). */
export function notifyChange(previous: RunView | undefined, view: RunView, lang: Lang): void {
  if (!previous || previous.status === view.status || !TOLD.has(view.status) || !wanted()) return;
  const step = view.steps.find((s) => s.id === view.currentStep)?.title ?? '';
  new Notification(`xpmigrate: ${runStatusText(lang, view.status)}`, {
    body: view.status === 'done' ? view.title : step,
    tag: view.runId, // one notification per run, replaced by the next
  });
}

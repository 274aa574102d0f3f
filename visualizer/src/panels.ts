import { byId, h, shortTime } from './dom.js';
import { STEP_ICON } from './icons.js';
import type { Action, CommandRequest, Lang, RunView, TimelineRow } from './protocol.js';
import { stepStateText, t } from './texts.js';
import { JOURNAL_KIND_TEXT } from './words.js';

/** What the panels can ask the page to do. */
export interface Actions {
  command(request: CommandRequest): void;
  rollback(snapshot: string): void;
  resume(): void;
  ask(text: string, yes: string): Promise<boolean>;
}

/** How many timeline rows the page keeps in the DOM; `xpmigrate history` has all of them. */
const TIMELINE_ROWS = 400;

export function renderDriver(view: RunView, lang: Lang, actions: Actions): void {
  const pane = byId('driver');
  if (view.lock) {
    pane.replaceChildren(
      h(
        'p',
        { class: 'driver busy' },
        t(lang, 'driver', { ...view.lock, since: shortTime(view.lock.since, lang) }),
      ),
    );
    return;
  }
  const stalled = view.status === 'paused' || view.status === 'running' || view.status === 'waiting-reboot';
  const resume = h('button', { type: 'button', id: 'resume' }, t(lang, 'resume'));
  resume.addEventListener('click', () => actions.resume());
  const explain = h(
    'p',
    { class: 'explain' },
    t(lang, view.status === 'waiting-reboot' ? 'rebootExplain' : 'resumeExplain'),
  );
  pane.replaceChildren(
    h('p', { class: 'driver idle' }, t(lang, 'idle')),
    ...(stalled ? [explain, resume] : []),
  );
}

/**
 * The waiting step: its prompt and help, evidence fields, and one button per action the state
 * accepts. Rebuilt only when the step or its actions change, so typing is never interrupted.
 */
export function renderPrompt(view: RunView, lang: Lang, actions: Actions): void {
  const pane = byId('prompt');
  const p = view.prompt;
  const key = p ? JSON.stringify([p.stepId, p.actions, p.failure, view.seq]) : '';
  if (pane.dataset.key === key) return;
  pane.dataset.key = key;
  pane.hidden = !p;
  if (!p) {
    pane.replaceChildren();
    return;
  }

  const inputs = new Map<string, HTMLInputElement>();
  /** A value the page can tell is not what the step asks for (checked as the server does). */
  const invalid = new Set<string>();
  const fields = p.evidence.map((f) => {
    const example = f.asked ? t(lang, 'example', { value: f.asked }) : '';
    const input = h('input', {
      type: 'text',
      name: f.key,
      'data-evidence': f.key,
      placeholder: f.asked ?? f.hint ?? '',
      autocomplete: 'off',
    });
    if (f.value) input.value = f.value;
    const note = h(
      'small',
      { class: 'hint', 'data-hint': f.key },
      [f.hint, example].filter(Boolean).join(' – '),
    );
    const check = () => {
      const value = input.value.trim();
      const normal = f.version ? value.replace(/^v\s*(?=\d)/i, '') : value;
      const bad = value !== '' && f.check !== null && !new RegExp(f.check, 'i').test(normal);
      input.setAttribute('aria-invalid', String(bad));
      note.classList.toggle('bad', bad);
      if (bad) invalid.add(f.key);
      else invalid.delete(f.key);
    };
    input.addEventListener('input', check);
    inputs.set(f.key, input);
    return h('label', {}, h('span', {}, f.label), input, note);
  });
  const reason = h('input', { type: 'text', name: 'reason', 'data-reason': '', autocomplete: 'off' });
  const force = h('input', { type: 'checkbox', name: 'force' });
  const wantsReason = p.actions.includes('skip') || p.actions.includes('abort');
  // At a failure "confirm" means "mark done without it having run": its own, quieter button,
  // last, asking for a reason and a second yes; the primary action is the one the remedy names.
  const failed = p.failure !== null;
  const order = failed
    ? [...p.actions.filter((a) => a !== 'confirm'), ...p.actions.filter((a) => a === 'confirm')]
    : p.actions;
  const evidence = () => Object.fromEntries([...inputs].map(([k, input]) => [k, input.value.trim()]));

  const button = (action: Action) => {
    const b = h(
      'button',
      {
        type: 'button',
        'data-action': action,
        ...(failed && action === 'confirm' ? { 'data-override': '' } : {}),
        class:
          action === 'abort'
            ? 'danger'
            : failed
              ? { confirm: 'override', retry: 'primary', skip: '' }[action]
              : action === 'confirm'
                ? 'primary'
                : '',
      },
      failed && action === 'confirm' ? t(lang, 'override') : t(lang, action),
    );
    b.addEventListener('click', async () => {
      const base = { command: action, stepId: p.stepId };
      if ((action === 'confirm' || action === 'retry') && invalid.size > 0) {
        const labels = p.evidence.filter((f) => invalid.has(f.key)).map((f) => f.label);
        inputs.get([...invalid][0]!)?.focus();
        return renderCommandResult(t(lang, 'notAsAsked', { fields: labels.join(', ') }), false);
      }
      if (action === 'confirm' && failed) {
        if (reason.value.trim() === '') {
          reason.focus();
          return renderCommandResult(t(lang, 'overrideReason'), false);
        }
        if (await actions.ask(t(lang, 'overrideAsk'), t(lang, 'yesOverride')))
          actions.command({ ...base, evidence: evidence(), reason: reason.value.trim() });
        return;
      }
      // A reason typed with a confirm or a retry goes into the journal with it, as the CLI's --reason.
      const note = reason.value.trim() ? { reason: reason.value.trim() } : {};
      if (action === 'confirm') return actions.command({ ...base, evidence: evidence(), ...note });
      if (action === 'retry') {
        const given = Object.fromEntries(Object.entries(evidence()).filter(([, v]) => v !== ''));
        return actions.command({
          ...base,
          ...(Object.keys(given).length > 0 ? { evidence: given } : {}),
          ...note,
        });
      }
      if (action === 'skip') return actions.command({ ...base, reason: reason.value, force: force.checked });
      if (await actions.ask(t(lang, 'abortAsk'), t(lang, 'yesAbort')))
        actions.command({ ...base, reason: reason.value });
    });
    return b;
  };

  const parts: Array<Node | null> = [
    h('h2', {}, p.failure ? t(lang, 'failed') : t(lang, 'waitingFor')),
    h('h3', { 'data-step': p.stepId }, p.title),
    h('p', { class: 'help' }, p.help),
    p.failure
      ? h(
          'div',
          { class: 'failure' },
          h('code', {}, p.failure.code),
          h('p', {}, p.failure.text),
          p.failure.remedy ? h('p', {}, `${t(lang, 'remedy')}: ${p.failure.remedy}`) : null,
        )
      : null,
    ...fields,
    wantsReason || failed ? h('label', {}, h('span', {}, t(lang, 'reason')), reason) : null,
    p.actions.includes('skip') && p.skipNeedsForce
      ? h('label', { class: 'check' }, force, h('span', {}, t(lang, 'force')))
      : null,
    h('div', { class: 'actions' }, ...order.map(button)),
  ];
  pane.replaceChildren(...parts.filter((n): n is Node => n !== null));
  // Enter in a field does what the prompt is for: confirm, or at a failure retry.
  const primary = pane.querySelector<HTMLButtonElement>('.actions button.primary');
  for (const input of inputs.values())
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && primary) {
        e.preventDefault();
        primary.click();
      }
    });
}

export function renderCommandResult(text: string, ok: boolean): void {
  const pane = byId('command-result');
  pane.hidden = text === '';
  pane.className = ok ? 'ok' : 'refused';
  // A refusal interrupts a screen reader; anything else waits its turn.
  pane.setAttribute('role', ok ? 'status' : 'alert');
  pane.textContent = text;
}

/** What a command led to, once the run stands still again: the accepted message gives way. */
export function outcomeText(view: RunView, lang: Lang): string | undefined {
  const step = view.steps.find((s) => s.id === view.currentStep)?.title ?? view.currentStep ?? '';
  switch (view.status) {
    case 'waiting-operator':
      return t(lang, 'outcomeWaiting', { step });
    case 'failed':
      return t(lang, 'outcomeFailed', { step, code: view.prompt?.failure?.code ?? '' });
    case 'waiting-reboot':
      return t(lang, 'outcomeReboot');
    case 'done':
      return t(lang, 'outcomeDone');
    case 'aborted':
      return t(lang, 'outcomeAborted');
    default:
      return undefined; // still running: the accepted message stands
  }
}

export function renderProgress(view: RunView): void {
  const pane = byId('progress');
  pane.hidden = view.progress.length === 0;
  pane.replaceChildren(
    ...view.progress.map((bar) =>
      h(
        'div',
        { class: 'bar', 'data-operation': bar.operation },
        h('span', {}, `${bar.operation} ${bar.database}`),
        h('progress', { max: 100, value: bar.percent }),
        h('span', {}, `${bar.percent} %`),
      ),
    ),
  );
}

export function renderChecklist(view: RunView, lang: Lang): void {
  byId('checklist').replaceChildren(
    ...view.phases.map((phase) =>
      h(
        'li',
        { class: `phase-group ${phase.status}` },
        h('strong', {}, phase.title),
        h(
          'ol',
          {},
          ...view.steps
            .filter((s) => s.phaseId === phase.id)
            .map((s) =>
              h(
                'li',
                { class: `step ${s.status}`, 'data-step': s.id, 'data-status': s.status, title: s.id },
                h('span', { class: 'icon', 'aria-hidden': 'true' }, STEP_ICON[s.status] ?? ''),
                h('span', { class: 'step-title' }, s.title),
                h('span', { class: 'step-status' }, stepStateText(lang, s.status)),
                h(
                  'span',
                  { class: 'tag where', 'data-machine': s.machine },
                  t(lang, 'onMachine', { where: s.where }),
                ),
                s.optional ? h('span', { class: 'tag' }, t(lang, 'optional')) : null,
                s.attempts > 1 ? h('span', { class: 'tag' }, t(lang, 'attempts', { n: s.attempts })) : null,
              ),
            ),
        ),
      ),
    ),
  );
}

export function renderSnapshots(view: RunView, lang: Lang, actions: Actions): void {
  const list = byId('snapshots');
  if (view.snapshots.length === 0) {
    list.replaceChildren(h('li', { class: 'empty' }, t(lang, 'noSnapshots')));
    return;
  }
  const finished = view.status === 'done' ? [h('li', { class: 'note' }, t(lang, 'finishedSnapshots'))] : [];
  list.replaceChildren(
    ...finished,
    ...view.snapshots.map((s) => {
      const button = h('button', { type: 'button', 'data-rollback': s.name }, t(lang, 'rollback'));
      button.disabled = view.lock !== null;
      // On a finished run a rollback undoes the migration: it says so before anything happens.
      const ask = view.status === 'done' ? 'rollbackDoneAsk' : 'rollbackAsk';
      // A snapshot taken by hand is reverted by hand first, as the CLI asks (xpmigrate cannot).
      const question = [
        s.provider === 'manual' ? t(lang, 'manualRevertFirst', { name: s.name }) : '',
        t(lang, ask, { name: s.name }),
      ]
        .filter(Boolean)
        .join(' ');
      button.addEventListener('click', async () => {
        if (await actions.ask(question, t(lang, 'yesRollback'))) actions.rollback(s.name);
      });
      return h(
        'li',
        { 'data-snapshot': s.name },
        h('span', {}, s.name),
        h('small', {}, `${s.provider} · ${shortTime(s.at, lang)}`),
        button,
      );
    }),
  );
}

/** Which of the journal filter's groups a kind belongs to. */
function groupOf(kind: string): string {
  if (kind.startsWith('operator-') || kind === 'rollback-requested' || kind === 'lock-released')
    return 'decisions';
  if (
    ['step-failed', 'command-refused', 'rollback-failed', 'mirror-failed', 'rollback-detected'].includes(kind)
  )
    return 'problems';
  if (kind.startsWith('step-') || kind === 'rebooted' || kind === 'recovered') return 'steps';
  return 'other';
}

/** The journal, newest first, appended as rows arrive. */
export function renderTimeline(rows: TimelineRow[], reset: boolean, lang: Lang): void {
  const list = byId('timeline');
  if (reset) list.replaceChildren();
  for (const r of rows) {
    list.prepend(
      h(
        'li',
        { class: `entry ${r.kind}`, 'data-kind': r.kind, 'data-group': groupOf(r.kind) },
        h('time', { datetime: r.at }, shortTime(r.at, lang)),
        h('span', { class: 'kind' }, JOURNAL_KIND_TEXT[r.kind]?.[lang] ?? r.kind),
        r.stepId ? h('span', { class: 'step-id' }, r.stepId + (r.attempt ? ` #${r.attempt}` : '')) : null,
        h('span', { class: 'who' }, r.who),
        r.summary ? h('div', { class: 'summary' }, r.summary) : null,
      ),
    );
  }
  while (list.children.length > TIMELINE_ROWS) list.lastElementChild?.remove();
}

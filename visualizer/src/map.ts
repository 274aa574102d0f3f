import { byId, h } from './dom.js';
import { STEP_ICON } from './icons.js';
import type { Lang, RunView } from './protocol.js';
import { stepStateText, t } from './texts.js';

/** Which phase the operator zoomed into (kept across views). */
let zoomed: string | undefined;

/**
 * The path as the operator thinks of it: each phase a group of its steps in order, with their
 * titles and status; a failure shown in its step; "any step can be aborted" said once. It wraps
 * to the pane's width (no sideways scrolling); a phase opens wide with a click or Enter.
 */
export function renderMap(view: RunView, lang: Lang): void {
  const pane = byId('map');
  // A redraw keeps the keyboard where it was: on the same phase's title.
  const focused = pane.contains(document.activeElement)
    ? document.activeElement?.getAttribute('data-phase')
    : null;
  const failure = view.prompt?.failure;
  const phases = view.phases.map((phase) => {
    const steps = view.steps.filter((s) => s.phaseId === phase.id);
    const open = zoomed === phase.id;
    const head = h(
      'button',
      { type: 'button', class: 'map-phase-title', 'aria-expanded': String(open), 'data-phase': phase.id },
      phase.title,
    );
    head.addEventListener('click', () => {
      zoomed = open ? undefined : phase.id;
      renderMap(view, lang);
    });
    return h(
      'section',
      // A long phase (plan C's 22 steps) takes two columns rather than one tall strip.
      {
        class: `map-phase ${phase.status}${open ? ' zoomed' : ''}${steps.length > 12 ? ' long' : ''}`,
        'data-phase': phase.id,
      },
      head,
      h(
        'ol',
        {},
        ...steps.map((s) => {
          const state = stepStateText(lang, s.status);
          return h(
            'li',
            {
              class: `map-step ${s.status}${s.id === view.currentStep ? ' current' : ''}`,
              'data-step': s.id,
              'data-status': s.status,
              'aria-label': `${s.title}: ${state}`,
            },
            h('span', { class: 'icon', 'aria-hidden': 'true' }, STEP_ICON[s.status] ?? ''),
            h('span', { class: 'title' }, s.title),
            // Which machine (the run spans the old and the new XPhone server): for the current step,
            // and for every step of the phase opened wide; the map stays one screen.
            open || s.id === view.currentStep
              ? h(
                  'small',
                  { class: 'where', 'data-machine': s.machine },
                  t(lang, 'onMachine', { where: s.where }),
                )
              : null,
            s.status === 'failed' && failure ? h('small', { class: 'why' }, failure.code) : null,
            open
              ? h(
                  'small',
                  { class: 'detail' },
                  [state, s.optional ? t(lang, 'optional') : ''].filter(Boolean).join(' · '),
                )
              : null,
          );
        }),
      ),
    );
  });
  pane.replaceChildren(...phases, h('p', { class: 'map-note' }, t(lang, 'abortAnywhere')));
  if (focused) pane.querySelector<HTMLButtonElement>(`button[data-phase="${CSS.escape(focused)}"]`)?.focus();
}

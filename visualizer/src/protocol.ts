/**
 * The visualizer's message format, shared by the server (src/inspect) and the page. Types only:
 * the page is compiled on its own and loads no npm code.
 */

export const PROTOCOL_VERSION = 1;

import type { Lang, StepState } from './words.js';

export type { Lang, StepState };

export interface ChartNode {
  /** XState's state node id, e.g. `xpmigrate.hop_v5v6.hop_v5v6_update`. */
  id: string;
  key: string;
  parent: string | null;
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  /** Whether the parent enters this child first. */
  initial: boolean;
  tags: string[];
  stepId: string | null;
}

export interface ChartEdge {
  id: string;
  source: string;
  target: string;
  /** `always`: eventless; `done`: the parent's onDone. */
  kind: 'event' | 'always' | 'done';
  event: string;
  guard: string | null;
}

/** Absolute coordinates in the chart's own space. */
export interface PlacedNode extends ChartNode {
  label: string;
  /** The whole text behind a shortened label: the tooltip and what a screen reader hears. */
  hint: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge extends ChartEdge {
  label: string;
  points: Array<[number, number]>;
  /** Where the label's baseline starts; null when the layout placed none. */
  labelAt: [number, number] | null;
}

export interface LaidOutChart {
  machineId: string;
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

export type Action = 'confirm' | 'retry' | 'skip' | 'abort';

export interface RunView {
  runId: string;
  title: string;
  route: string;
  plan: string | null;
  simulate: boolean;
  /** `paused`: "running", but no process drives it: it goes on when someone resumes it. */
  status: 'running' | 'paused' | 'waiting-operator' | 'waiting-reboot' | 'failed' | 'done' | 'aborted';
  /** The checkpoint the view was built from. */
  seq: number;
  /** When the run was started and when it last moved: elapsed time and time per step. */
  startedAt: string;
  updatedAt: string;
  /** Every active state node id, from the root down. */
  active: string[];
  currentStep: string | null;
  /** `incomplete`: passed, but with a required step skipped. */
  phases: Array<{ id: string; title: string; status: 'done' | 'incomplete' | 'active' | 'pending' }>;
  steps: Array<{
    id: string;
    phaseId: string;
    title: string;
    kind: string;
    /** Where it happens (`old`, `new`, `sql`, `hypervisor`, `operator`), and in words with its name. */
    machine: string;
    where: string;
    optional: boolean;
    status: StepState;
    attempts: number;
  }>;
  prompt: {
    stepId: string;
    title: string;
    help: string;
    failure: { code: string; text: string; remedy: string | null } | null;
    /** `hint`: what to enter, in words with an example (never a regular expression). */
    /**
     * Every evidence key the step or its failure asks for. `check` is what the page tests a
     * value against (never shown); `version`: "V6" counts as "6"; `asked`: the value a failure
     * named (shown as the example to type, never filled in for the operator).
     */
    evidence: Array<{
      key: string;
      label: string;
      hint: string | null;
      check: string | null;
      version: boolean;
      asked: string | null;
      /** Filled in already (the suggested name of a snapshot taken by hand); the operator may change it. */
      value: string | null;
    }>;
    /** Only what the current state accepts. */
    actions: Action[];
    /** Skipping a required step needs force and a reason. */
    skipNeedsForce: boolean;
  } | null;
  snapshots: Array<{ name: string; stepId: string; provider: string; at: string }>;
  progress: Array<{ stepId: string; operation: string; database: string; percent: number }>;
  lock: { pid: number; host: string; since: string } | null;
  lastCommand: {
    id: number;
    command: string;
    stepId: string | null;
    status: string;
    reason: string | null;
  } | null;
  /** The forecast the run was started with: each stretch XPhone is down, in words. */
  downtime: string[];
}

export interface TimelineRow {
  id: number;
  at: string;
  kind: string;
  stepId: string | null;
  attempt: number | null;
  who: string;
  summary: string;
}

/** Server → page, over the WebSocket. */
export type ServerMessage =
  | { v: 1; type: 'hello'; lang: Lang; runId: string; chart: LaidOutChart }
  | { v: 1; type: 'view'; view: RunView }
  | { v: 1; type: 'journal'; reset: boolean; rows: TimelineRow[] }
  | { v: 1; type: 'error'; code: string; message: string };

/** Page → server, as the JSON body of POST /api/command. */
export interface CommandRequest {
  command: Action;
  stepId: string;
  evidence?: Record<string, string>;
  reason?: string;
  force?: boolean;
}

/** Page → server, POST /api/rollback. */
export interface RollbackRequest {
  snapshot: string;
}

/** The answer to a POST: accepted, or refused with our error's code, text and remedy. */
export type PostAnswer =
  | { ok: true; queued: number; delivery: 'started' | 'holder' | 'done' }
  | { ok: false; code: string; message: string; remedy: string | null };

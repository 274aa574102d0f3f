import { statSync } from 'node:fs';
import type { RunView, ServerMessage, TimelineRow } from '../../visualizer/src/protocol.js';
import type { Lang } from '../i18n/index.js';
import { type RunModel, RunService, runModel, timelineOf } from '../service/index.js';

/** The page's timeline starts with at most this many rows; older ones are in `xpmigrate history`. */
const TIMELINE_LIMIT = 2000;

/**
 * Follows one run in the store, written by whichever process drives it. SQLite's data_version
 * changes when another connection commits, so a poll costs one pragma; the file's identity is
 * checked too, because a VM revert may put an older store in place.
 */
export class RunFollower {
  private service: RunService | undefined;
  private model: RunModel | undefined;
  private dataVersion = -1;
  private fileId = '';
  private timer: NodeJS.Timeout | undefined;
  /** The newest journal row sent, by identity: after a revert another row may carry its id. */
  private lastRow: { id: number; at: string; kind: string } | undefined;
  private lastViewJson = '';
  view: RunView | undefined;
  timeline: TimelineRow[] = [];
  private readonly listeners = new Set<(message: ServerMessage) => void>();

  constructor(
    readonly file: string,
    private readonly runArg: string | undefined,
    readonly lang: Lang,
  ) {}

  /** Opens the store and reads the run; throws our errors (no run, corrupt store, …). */
  open(): RunModel {
    this.service = RunService.open(this.file);
    const { row } = this.service.find(this.runArg ?? this.model?.row.id);
    this.model ??= runModel(row);
    this.fileId = fileIdentity(this.file);
    this.read(true);
    return this.model;
  }

  get runId(): string {
    return this.model!.row.id;
  }

  /** The service on the followed store (reads only: a write here is not seen by data_version). */
  get reader(): RunService {
    if (!this.service) this.open();
    return this.service!;
  }

  subscribe(listener: (message: ServerMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private pollMs = 0;

  /** The same run for a page in another language: its own view texts, the same polling. */
  sibling(lang: Lang): RunFollower {
    const other = new RunFollower(this.file, this.model?.row.id ?? this.runArg, lang);
    other.open();
    if (this.pollMs > 0) other.start(this.pollMs);
    return other;
  }

  start(pollMs: number): void {
    this.pollMs = pollMs;
    this.timer = setInterval(() => this.poll(), pollMs);
    this.timer.unref();
  }

  /** Reads again now (after our own write, which data_version does not count). */
  poll(force = false): void {
    try {
      if (!this.service) this.open();
      const id = fileIdentity(this.file);
      if (id !== this.fileId) {
        this.close();
        this.open();
        return;
      }
      this.read(force);
    } catch {
      // Mid-revert the files may be half in place: try again on the next tick.
      this.close();
    }
  }

  /** Closes the store (e.g. while a rollback reverts it); the next poll opens it again. */
  close(): void {
    this.service?.close();
    this.service = undefined;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.close();
  }

  private read(force: boolean): void {
    const service = this.service!;
    const version = service.dataVersion();
    if (!force && version === this.dataVersion) return;
    this.dataVersion = version;
    const { view, journal: rows } = service.view(this.model!, this.lang);
    const viewJson = JSON.stringify(view);
    if (viewJson !== this.lastViewJson) {
      this.lastViewJson = viewJson;
      this.view = view;
      this.emit({ v: 1, type: 'view', view });
    }
    // The journal only grows, unless a revert put an older store in place: then the row sent
    // last is gone, or another one (written after the revert) has its id. Counting rows would
    // miss that as soon as the older store has grown past the count.
    const last = this.lastRow;
    const at = last ? rows.findIndex((r) => r.id === last.id) : -1;
    const same = last !== undefined && at >= 0 && rows[at]!.at === last.at && rows[at]!.kind === last.kind;
    const reset = last !== undefined && !same;
    const fresh = last === undefined || reset ? rows : rows.slice(at + 1);
    const newest = rows.at(-1);
    this.lastRow = newest ? { id: newest.id, at: newest.at, kind: newest.kind } : undefined;
    if (fresh.length > 0 || reset) {
      const added = timelineOf(fresh, this.lang);
      this.timeline = (reset ? added : [...this.timeline, ...added]).slice(-TIMELINE_LIMIT);
      this.emit({ v: 1, type: 'journal', reset, rows: added.slice(-TIMELINE_LIMIT) });
    }
  }

  private emit(message: ServerMessage): void {
    for (const listener of this.listeners) listener(message);
  }
}

function fileIdentity(file: string): string {
  try {
    const s = statSync(file);
    return `${s.dev}:${s.ino}:${s.birthtimeMs}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

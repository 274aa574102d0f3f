import type { PostAnswer } from '../../visualizer/src/protocol.js';
import { isXpmError, XpmError } from '../errors/index.js';
import type { Lang } from '../i18n/index.js';
import { type OperatorCommand, RunService } from '../service/index.js';
import type { RunFollower } from './follow.js';

/**
 * The page's actions, carried out by the run service in this process: a command is judged and
 * queued, then delivered by driving the run here under the run lock (unless another process
 * drives it); a rollback reverts and rewinds here. No child process, no output to parse.
 */
export class RunActions {
  /** The drive this process is doing, if any: commands queued meanwhile are taken by it. */
  private driving: Promise<void> | undefined;

  constructor(
    private readonly follower: RunFollower,
    private readonly who: string,
    private readonly lang: Lang,
    /** Where a drive's failure is told (the ui's console): the page sees the run's state. */
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  private get runId(): string {
    return this.follower.runId;
  }

  /** `lang`: the page's language, for the reason of a refusal. */
  async command(cmd: OperatorCommand, lang: Lang = this.lang): Promise<PostAnswer> {
    const queued = await this.withService(async (service) => {
      const verdict = await service.judge(this.runId, cmd, this.who);
      if (verdict.kind === 'refuse')
        throw new XpmError('E_COMMAND_REFUSED', { command: cmd.command, reason: verdict.reason[lang] });
      return service.enqueue(this.runId, cmd, this.who);
    });
    const answer = this.deliver();
    return answer.ok ? { ...answer, queued } : answer;
  }

  /** The queued commands go to whoever drives the run; if nobody does, this process drives it. */
  deliver(): PostAnswer {
    this.follower.poll(true);
    if (this.driving || this.follower.view?.lock) return { ok: true, queued: 0, delivery: 'holder' };
    this.driving = this.driveWhilePending().finally(() => {
      this.driving = undefined;
      this.follower.poll(true);
    });
    return { ok: true, queued: 0, delivery: 'started' };
  }

  /** Until nothing waits in the inbox: a command queued as a drive ended is not left behind. */
  private async driveWhilePending(): Promise<void> {
    try {
      await this.withService(async (service) => {
        do await service.resume(this.runId, { who: this.who });
        while (service.pendingCommands(this.runId) > 0);
      });
    } catch (error) {
      this.onError(error);
    }
  }

  async rollback(name: string, lang: Lang = this.lang): Promise<PostAnswer> {
    if (this.driving) return failure(new XpmError('E_UI_BUSY'), lang);
    // The revert may put older store files in place: let go of them until it is over.
    this.follower.close();
    try {
      await this.withService(async (service) =>
        service.rollbackTo(service.rollbackTarget(name, this.runId), this.who),
      );
      return { ok: true, queued: 0, delivery: 'done' };
    } catch (error) {
      if (isXpmError(error)) return failure(error, lang);
      throw error;
    } finally {
      this.follower.poll(true);
    }
  }

  /** Settles the page's actions before the server goes away. */
  async idle(): Promise<void> {
    await this.driving;
  }

  private async withService<T>(use: (service: RunService) => Promise<T>): Promise<T> {
    const service = RunService.open(this.follower.file);
    try {
      return await use(service);
    } finally {
      service.close();
    }
  }
}

function failure(error: XpmError, lang: Lang): PostAnswer {
  return { ok: false, code: error.code, message: error.text(lang), remedy: error.remedy(lang) ?? null };
}

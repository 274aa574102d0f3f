/** The process exit codes, documented in the README. */
export const ExitCode = {
  ok: 0,
  failed: 1,
  badInput: 2,
  waitingOperator: 3,
  waitingReboot: 4,
  locked: 5,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

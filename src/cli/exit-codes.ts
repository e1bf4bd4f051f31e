// Exit codes every command uses; scripts and cron jobs rely on them.
export const EXIT = {
  OK: 0,
  /** The command ran to the end but some input was rejected or some remote day/page failed. */
  PARTIAL: 1,
  /** Bad usage, bad flags or bad configuration: nothing was done. */
  USAGE: 2,
  /** The command could not do its work (store or remote unavailable, unexpected error). */
  FAILED: 3,
  /** Stopped by Ctrl-C / SIGTERM after finishing the batch in hand. */
  INTERRUPTED: 130,
} as const;

// The status line shown while the start-up back-fill of the Daily Papers feed runs.
import type { AutosyncStatus } from "../../jobs/autosync.js";

export function SyncNotice(props: { sync: AutosyncStatus }) {
  const s = props.sync;
  if (s.state !== "running") return null;
  return (
    <p class="notice" role="status">
      Fetching the Daily Papers feed: {s.daysDone} of {s.daysTotal} days, {s.papers} papers so far.
    </p>
  );
}

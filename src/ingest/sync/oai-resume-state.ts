// The in-progress marker of an OAI-PMH harvest, so a long harvest that failed midway can continue where it stopped.
import type { SyncStateStore } from "../../domain/ingest-types.js";

/**
 * Stored after each completed page under `<harvest key>:resume`; cleared
 * (empty string: SyncStateStore has no delete) when the list completes. It
 * only applies to a run with the same from/until; a token the server no
 * longer accepts (arXiv tokens expire) falls back to a fresh ListRecords.
 */
export interface OaiResume {
  token: string;
  from: string | null;
  until: string | null;
  /** Start day of the interrupted run: still the right next `from` once the list completes. */
  startedDay: string;
}

export function resumeKeyOf(harvestKey: string): string {
  return `${harvestKey}:resume`;
}

export async function loadResume(state: SyncStateStore, harvestKey: string): Promise<OaiResume | null> {
  const text = await state.getSyncState(resumeKeyOf(harvestKey));
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<OaiResume>;
    if (typeof v.token !== "string" || !v.token || typeof v.startedDay !== "string") return null;
    return { token: v.token, from: v.from ?? null, until: v.until ?? null, startedDay: v.startedDay };
  } catch {
    return null; // an unreadable marker only costs a fresh harvest
  }
}

export async function saveResume(state: SyncStateStore, harvestKey: string, r: OaiResume | null): Promise<void> {
  await state.setSyncState(resumeKeyOf(harvestKey), r ? JSON.stringify(r) : "");
}

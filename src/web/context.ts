// What every request carries through the web app: the signed-in viewer (or none) and the CSRF token of its forms.
import type { Role } from "../storage/schema.js";

export interface Viewer {
  id: string;
  /** Handle, as in /u/:name. */
  name: string;
  displayName: string;
  role: Role;
}

export interface AppEnv {
  Variables: {
    /** Set by the session middleware on every request; null when signed out. */
    viewer: Viewer | null;
    /** Put in a hidden `_csrf` field of every state-changing form (signed-in or not). */
    csrfToken: string;
  };
}

export const canModerate = (v: Viewer | null): boolean => v?.role === "moderator" || v?.role === "admin";

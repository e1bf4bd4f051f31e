// What every page passes on to the Layout: the signed-in viewer (for the account links) and the CSRF token of its forms.
import type { Viewer } from "../context.js";

export interface Chrome {
  viewer?: Viewer | null;
  csrfToken?: string;
}

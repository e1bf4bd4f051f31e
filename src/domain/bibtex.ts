// Moved: the BibTeX writer lives in export/bibtex.ts beside RIS and CSL-JSON. Re-exported here only so
// existing importers keep working; import from export/bibtex.ts (this file can go once nothing uses it).
export { citeKey, escapeBibtex, toBibtex } from "../export/bibtex.js";

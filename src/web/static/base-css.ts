// The base stylesheet, served from memory at /static/base.css: readable type, light and dark themes.
export const BASE_CSS = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --bg: #ffffff; --accent: #0b5cad; --line: #d8dee4; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9da7b3; --bg: #0d1117; --accent: #58a6ff; --line: #30363d; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 0 1rem; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
header.site, footer.site { padding: 1rem 0; border-bottom: 1px solid var(--line); }
footer.site { border-top: 1px solid var(--line); border-bottom: 0; color: var(--muted); font-size: .875rem; margin-top: 2rem; }
.brand { font-weight: 700; text-decoration: none; font-size: 1.25rem; }
ol.papers { padding-left: 1.5rem; }
ol.papers li { margin: .75rem 0; }
.meta, small { color: var(--muted); font-size: .875rem; }
.notice { padding: .5rem .75rem; border: 1px solid var(--line); border-radius: 6px; }
pre { overflow-x: auto; padding: .75rem; border: 1px solid var(--line); border-radius: 6px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.abstract { white-space: pre-line; }
`;

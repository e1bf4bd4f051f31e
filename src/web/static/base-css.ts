// The base stylesheet, served from memory at /static/base.css: layout from phone to wide screens, light and dark themes, focus and landmarks.
//
// No inline styles anywhere (the CSP allows style-src 'self' only), so every
// variant a page needs is a class here, e.g. the twelve colours of the
// typographic covers (.hue-0 … .hue-11, chosen by views/cover.tsx).

/** Hue angles of the typographic covers, spread around the wheel and away from the accent's blue for the first few. */
const COVER_HUES = [12, 38, 145, 200, 262, 330, 90, 175, 225, 292, 58, 355];

const coverRules = COVER_HUES.map(
  (h, i) =>
    `.hue-${i} { --c1: hsl(${h} 75% 93%); --c2: hsl(${h} 55% 80%); --ct: hsl(${h} 55% 24%); }\n` +
    `@media (prefers-color-scheme: dark) { .hue-${i} { --c1: hsl(${h} 30% 24%); --c2: hsl(${h} 40% 15%); --ct: hsl(${h} 70% 84%); } }`,
).join("\n");

export const BASE_CSS = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --bg: #ffffff; --panel: #f6f8fa; --accent: #0b5cad; --accent-fg: #ffffff; --line: #d8dee4; --mark: #fff3b0; --warn: #9a4d00; --radius: 10px; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9da7b3; --bg: #0d1117; --panel: #161b22; --accent: #58a6ff; --accent-fg: #0d1117; --line: #30363d; --mark: #5c4a00; --warn: #f0a35e; } }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 78rem; padding: 0 1rem; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); text-underline-offset: .15em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; border-radius: 3px; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 1.25rem 0 .5rem; }
h2 { font-size: 1.2rem; line-height: 1.3; }
math { font-size: 1.05em; }
mark { background: var(--mark); color: inherit; padding: 0 .1em; border-radius: 2px; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.skip { position: absolute; left: 1rem; top: -3rem; padding: .5rem .75rem; background: var(--accent); color: var(--accent-fg); border-radius: 6px; z-index: 10; }
.skip:focus { top: .5rem; }

/* Header, navigation, footer */
header.site { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.25rem; padding: .75rem 0; border-bottom: 1px solid var(--line); }
.brand { font-weight: 750; text-decoration: none; font-size: 1.25rem; color: var(--fg); }
.site-nav { display: flex; flex: 1 1 auto; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; }
.site-nav ul, .switcher ul { display: flex; gap: .25rem; list-style: none; margin: 0; padding: 0; }
.site-nav ul a { display: inline-block; padding: .3rem .55rem; border-radius: 6px; text-decoration: none; color: var(--fg); }
.site-nav ul a:hover { background: var(--panel); }
.site-search { display: flex; flex: 1 1 14rem; max-width: 26rem; gap: .35rem; }
.site-search input { flex: 1; min-width: 0; }
nav.account { display: flex; align-items: center; gap: .35rem; flex-wrap: wrap; }
nav.account form { display: inline; margin: 0; }
footer.site { padding: 1rem 0 2rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .875rem; margin-top: 2.5rem; }

/* Forms */
input, select, textarea, button { font: inherit; color: inherit; }
input[type="text"], input[type="search"], input[type="date"], input[type="email"], input[type="password"], input:not([type]), select, textarea { padding: .4rem .55rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
button { padding: .4rem .8rem; border: 1px solid var(--accent); border-radius: 6px; background: var(--accent); color: var(--accent-fg); cursor: pointer; }
button:hover { filter: brightness(1.08); }
label { font-size: .9rem; }
fieldset { border: 1px solid var(--line); border-radius: var(--radius); padding: .5rem .75rem .75rem; margin: 0; }
legend { padding: 0 .3rem; color: var(--muted); font-size: .85rem; }
.hint, .meta, small { color: var(--muted); font-size: .875rem; }
.field-error, .form-alert { color: var(--warn); }
.danger { border-color: var(--warn); }
button.danger { background: transparent; color: var(--warn); border-color: var(--warn); }
button.danger:hover { background: color-mix(in srgb, var(--warn) 12%, transparent); filter: none; }
form.auth { display: grid; gap: .6rem; max-width: 26rem; }
form.auth label { display: grid; gap: .2rem; }
.field { display: grid; gap: .2rem; max-width: 26rem; margin: 0 0 .75rem; }
.field input, .field select, .field textarea { width: 100%; }
.field .hint { display: block; }
form.auth .field { margin: 0; }
section.settings { max-width: 40rem; margin-bottom: 1.5rem; }

/* Notices */
.notice { padding: .55rem .8rem; border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 6px; background: var(--panel); }
ul.notice { padding-left: 1.8rem; }
.notice.warn { border-left-color: var(--warn); }
.empty { padding: 2rem 1rem; text-align: center; color: var(--muted); border: 1px dashed var(--line); border-radius: var(--radius); }
pre { overflow-x: auto; padding: .75rem; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); }

/* Feed head: title, period switcher, previous/next */
.feed-head { display: flex; flex-wrap: wrap; align-items: end; justify-content: space-between; gap: .5rem 1rem; }
.subtitle { display: block; font-size: 1rem; font-weight: 400; color: var(--muted); margin-top: .2rem; }
.switcher ul { border: 1px solid var(--line); border-radius: 8px; padding: 2px; }
.switcher a { display: inline-block; padding: .25rem .8rem; border-radius: 6px; text-decoration: none; color: var(--fg); }
.switcher a[aria-current="page"] { background: var(--accent); color: var(--accent-fg); }
.period-nav, .pager { display: flex; justify-content: space-between; align-items: center; gap: 1rem; margin: 1rem 0; }
.period-nav a, .pager a { padding: .35rem .7rem; border: 1px solid var(--line); border-radius: 6px; text-decoration: none; }
.period-nav a:hover, .pager a:hover { border-color: var(--accent); }
.pager-at { color: var(--muted); font-size: .9rem; }
.day-strip ol { display: flex; gap: .5rem; list-style: none; padding: 0; margin: .75rem 0; overflow-x: auto; }
.day-strip a { display: grid; min-width: 6.5rem; padding: .4rem .6rem; border: 1px solid var(--line); border-radius: 8px; text-decoration: none; color: var(--fg); }
.day-strip a:hover { border-color: var(--accent); }
.day-name { font-weight: 600; font-size: .9rem; }
.day-count { color: var(--muted); font-size: .8rem; }
.day-picker { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; margin: 1.5rem 0 0; }

/* Paper cards */
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr)); gap: 1rem; margin: 1rem 0; }
.card { display: flex; flex-direction: column; border: 1px solid var(--line); border-radius: var(--radius); overflow: hidden; background: var(--bg); }
.card:hover { border-color: color-mix(in srgb, var(--accent) 45%, var(--line)); }
.cover { position: relative; display: block; aspect-ratio: 2 / 1; background: var(--panel); overflow: hidden; }
.cover img { display: block; width: 100%; height: 100%; object-fit: cover; }
/* A thumbnail that fails to load is no replaced element, so its ::after shows: the typographic card, from data-initials. */
.cover img::after { content: attr(data-initials); position: absolute; inset: 0; display: grid; place-items: center; background: linear-gradient(135deg, var(--c1), var(--c2)); color: var(--ct); font: 700 2.6rem/1 Georgia, "Times New Roman", serif; letter-spacing: .08em; }
.typo { position: relative; display: grid; place-items: center; text-decoration: none; background: linear-gradient(135deg, var(--c1), var(--c2)); color: var(--ct); }
.typo-cat { position: absolute; top: .6rem; left: .75rem; font: 600 .75rem/1 ui-monospace, "SFMono-Regular", Menlo, monospace; letter-spacing: .03em; }
.typo-initials { font: 700 2.6rem/1 Georgia, "Times New Roman", serif; letter-spacing: .08em; opacity: .9; }
.card-body { display: flex; flex: 1; flex-direction: column; gap: .35rem; padding: .75rem .9rem .85rem; }
.card-title { font-size: 1.02rem; line-height: 1.35; margin: 0; overflow-wrap: anywhere; }
.card-title a { color: var(--fg); text-decoration: none; }
.card-title a:hover { color: var(--accent); text-decoration: underline; }
.card .authors { margin: 0; font-size: .9rem; }
.card .meta { margin: 0; }
.snippet { margin: 0; font-size: .9rem; color: var(--muted); }
.card-foot { display: flex; flex-wrap: wrap; align-items: center; gap: .35rem .75rem; margin-top: auto; padding-top: .35rem; font-size: .875rem; }
.counts { display: flex; gap: .75rem; margin: 0; font-variant-numeric: tabular-nums; }
.votes { font-weight: 650; }
.counts a { color: var(--muted); text-decoration: none; }
.comment-count { display: inline-flex; align-items: center; gap: .25rem; }
.icon { flex: none; vertical-align: -2px; }
ul.cats, ul.links { display: flex; flex-wrap: wrap; gap: .3rem; list-style: none; margin: 0; padding: 0; }
ul.cats li { padding: .05rem .45rem; border-radius: 999px; background: var(--panel); border: 1px solid var(--line); font: .75rem/1.5 ui-monospace, "SFMono-Regular", Menlo, monospace; color: var(--muted); }
ul.links a { display: inline-block; padding: .1rem .5rem; border: 1px solid var(--line); border-radius: 6px; text-decoration: none; font-size: .85rem; }
ul.links a:hover { border-color: var(--accent); }
.stars { color: var(--muted); }
.results { grid-template-columns: 1fr; }
@media (min-width: 48rem) {
  .results .card { flex-direction: row; }
  .results .cover { flex: 0 0 12rem; aspect-ratio: auto; min-height: 7rem; }
}
${coverRules}

/* Search */
.search-form { display: grid; gap: .75rem; margin: 1rem 0 1.5rem; }
.search-main { display: grid; gap: .25rem; }
.search-row { display: flex; gap: .5rem; }
.search-row input { flex: 1; min-width: 0; font-size: 1.05rem; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; }
.filters label { display: grid; gap: .2rem; }
.filters label.check { display: flex; align-items: center; gap: .35rem; padding-bottom: .4rem; }
.no-results ul { padding-left: 1.2rem; }
.no-results li { margin: .35rem 0; }

/* Paper page: similar papers beside the paper on wide screens, below it on narrow ones */
.paper-layout { display: grid; gap: 1rem 2.5rem; }
@media (min-width: 64rem) { .paper-layout { grid-template-columns: minmax(0, 1fr) 20rem; } .similar { margin-top: 1.25rem; } }
.paper-main { min-width: 0; max-width: 52rem; }
.paper-head { padding-top: .75rem; }
.paper-head h1 { font-size: 1.75rem; margin-top: .75rem; }
.paper .authors { margin: .25rem 0; }
.paper-actions { display: flex; flex-wrap: wrap; align-items: center; gap: .75rem; margin: .75rem 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; margin: 1rem 0; padding: .75rem 1rem; border: 1px solid var(--line); border-radius: var(--radius); background: var(--panel); }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.abstract { white-space: pre-line; font-size: 1.02rem; line-height: 1.65; }
.ai-summary { border-left: 4px solid var(--line); padding-left: .9rem; }
details.cite, details.more-authors { margin: 1rem 0; }
details > summary { cursor: pointer; color: var(--accent); }
.cite textarea { display: block; width: 100%; margin-top: .35rem; font: .85rem/1.45 ui-monospace, "SFMono-Regular", Menlo, monospace; resize: vertical; }
.similar { margin-top: 2rem; }
.similar h2 { font-size: 1.05rem; }
.similar ul { list-style: none; padding: 0; margin: 0; }
.similar li { margin: 0 0 .8rem; padding-bottom: .8rem; border-bottom: 1px solid var(--line); font-size: .95rem; }
.similar li:last-child { border-bottom: 0; }
.similar a { text-decoration: none; font-weight: 600; }
.similar a:hover { text-decoration: underline; }
.similar .meta { display: block; font-size: .82rem; }
.members ul { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; list-style: none; padding: 0; }
.index-form { margin: 1rem 0; }

@media (max-width: 40rem) {
  body { padding: 0 .75rem; }
  h1 { font-size: 1.35rem; }
  .paper-head h1 { font-size: 1.4rem; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: .35rem; }
  .site-search { max-width: none; }
}
@media (prefers-reduced-motion: no-preference) { html { scroll-behavior: smooth; } }
`;

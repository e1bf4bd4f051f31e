// Styles of the personal pages (for you, the start page, collections) and of the save controls, appended to /static/base.css.
// They use the base sheet's custom properties, so they follow its light and dark themes.
export const PERSONAL_CSS = `
.reason { margin: .2rem 0 0; font-size: .875rem; color: var(--muted); }
.reason::before { content: "★ "; color: var(--accent); }
.card-actions { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; margin-top: .35rem; }
.card-actions form { display: inline; margin: 0; }
.card-actions button, .save-menu button, .collection-admin button { padding: .2rem .6rem; font-size: .875rem; }
.card-actions button.quiet, .save-menu button.quiet { background: transparent; color: var(--fg); border-color: var(--line); }
.card-actions button.quiet:hover, .save-menu button.quiet:hover { border-color: var(--accent); filter: none; }
.save-menu { display: flex; flex-wrap: wrap; gap: .35rem .6rem; align-items: center; font-size: .9rem; }
.save-menu form { display: inline-flex; gap: .35rem; align-items: center; margin: 0; }
.save-menu select { max-width: 14rem; }
.picks { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 18rem), 1fr)); gap: .3rem 1rem; margin: .5rem 0 1rem; padding: 0; list-style: none; }
.picks label { display: flex; gap: .45rem; align-items: baseline; }
.picks .meta { font-size: .8rem; }
fieldset.pick-group { border: 1px solid var(--line); border-radius: var(--radius); margin: 1rem 0; padding: .5rem 1rem 1rem; }
fieldset.pick-group legend { font-weight: 650; padding: 0 .35rem; }
.pick-group input[type="text"] { width: min(100%, 32rem); }
.collection-list { list-style: none; padding: 0; margin: 1rem 0; display: grid; gap: .5rem; }
.collection-list li { padding: .55rem .8rem; border: 1px solid var(--line); border-radius: var(--radius); }
.collection-admin { display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; align-items: flex-end; margin: .75rem 0 1rem; }
.collection-admin form { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; margin: 0; }
.collection-admin details summary { cursor: pointer; color: var(--accent); }
`;

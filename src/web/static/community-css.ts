// Styles of the community pieces (upvote button, comment thread, moderation), appended to /static/base.css.
// They use the base sheet's custom properties, so they follow its light and dark themes.
export const COMMUNITY_CSS = `
form.upvote { display: inline-block; margin: 0; }
.upvote-button { display: inline-flex; gap: .35rem; align-items: center; min-height: 2.25rem; padding: .25rem .7rem; border: 1px solid var(--line); border-radius: 999px; background: transparent; color: var(--fg); font: inherit; cursor: pointer; }
.upvote-button[aria-pressed="true"] { border-color: var(--accent); color: var(--accent); font-weight: 600; }
.upvote-button:hover { border-color: var(--accent); }
.upvote-button:focus-visible, .comments button:focus-visible, .comments textarea:focus-visible, .comments summary:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.comments { margin-top: 2rem; }
.comment-list, .comment-replies { list-style: none; padding: 0; margin: 0; }
.comment { margin: 1rem 0; }
.comment-replies { margin-left: 1.25rem; padding-left: .9rem; border-left: 2px solid var(--line); }
.comment-meta { margin: 0 0 .25rem; }
.comment-body { overflow-wrap: anywhere; }
.comment-body > :first-child { margin-top: 0; }
.comment-body > :last-child { margin-bottom: 0; }
.comment-body blockquote { margin: .5rem 0; padding-left: .75rem; border-left: 3px solid var(--line); color: var(--muted); }
.comment-body table { border-collapse: collapse; }
.comment-body th, .comment-body td { border: 1px solid var(--line); padding: .2rem .5rem; }
.comment-placeholder { color: var(--muted); font-style: italic; margin: 0; }
.comment-hidden > article { opacity: .75; border-left: 3px solid #b35900; padding-left: .6rem; }
.comment-actions { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: flex-start; font-size: .875rem; margin-top: .25rem; }
.comment-actions details[open] { flex-basis: 100%; }
.comment-actions summary { cursor: pointer; color: var(--accent); }
.comment-form, .submit-paper { display: grid; gap: .4rem; max-width: 44rem; margin: .75rem 0; }
.comment-form textarea, .submit-paper input[type="text"] { width: 100%; font: inherit; padding: .5rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
.comment-form button, .submit-paper button { justify-self: start; }
.badge { font-size: .8rem; font-weight: 600; }
.badge-hidden { color: #b35900; }
@media (prefers-color-scheme: dark) { .badge-hidden { color: #f0a35e; } .comment-hidden > article { border-left-color: #f0a35e; } }
form.moderate, form.admin-action { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; margin: .5rem 0; }
.comment-actions form.moderate { margin: 0; }
.comment-actions form.moderate button { background: transparent; color: var(--muted); border-color: var(--line); }
table.moderation-log { width: 100%; border-collapse: collapse; font-size: .9rem; }
table.moderation-log th, table.moderation-log td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
@media (max-width: 40rem) { .comment-replies { margin-left: .5rem; padding-left: .6rem; } table.moderation-log { font-size: .8rem; } }
`;

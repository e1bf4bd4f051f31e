// Previous/next page links of a paged list, with where the reader is.
export function Pager(props: { page: number; pageCount: number; href: (page: number) => string; label?: string }) {
  if (props.pageCount <= 1) return null;
  const { page, pageCount } = props;
  return (
    <nav class="pager" aria-label={props.label ?? "Pages"}>
      {page > 1 ? (
        <a rel="prev" href={props.href(page - 1)}>
          ← Previous page
        </a>
      ) : (
        <span aria-hidden="true" />
      )}
      <span class="pager-at">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <a rel="next" href={props.href(page + 1)}>
          Next page →
        </a>
      ) : (
        <span aria-hidden="true" />
      )}
    </nav>
  );
}

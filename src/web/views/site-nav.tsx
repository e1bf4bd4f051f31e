// The site's main navigation in the header: the feed, trending, the reader's own list, submitting, and a search box that works without JavaScript.
export function SiteNav() {
  return (
    <nav class="site-nav" aria-label="Main">
      <ul>
        <li>
          <a href="/papers">Daily</a>
        </li>
        <li>
          <a href="/papers/trending">Trending</a>
        </li>
        <li>
          <a href="/papers/for-you">For you</a>
        </li>
        <li>
          <a href="/papers/submit">Submit</a>
        </li>
      </ul>
      <form class="site-search" role="search" aria-label="Site search" method="get" action="/papers/search">
        <label class="sr-only" for="site-q">
          Search papers
        </label>
        <input id="site-q" type="search" name="q" placeholder="Search papers" maxlength={250} />
        <button type="submit">Search</button>
      </form>
    </nav>
  );
}

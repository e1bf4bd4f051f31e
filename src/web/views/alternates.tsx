// The <link rel="alternate"> tags of a list page's feeds: given to the Layout, or provided around a page by its route.
//
// A route knows a page's feeds; the page's view does not need to. Routes
// wrap the page in <WithAlternates>, and the Layout reads them from context,
// so no view has to pass them along.
import { createContext, useContext, type Child } from "hono/jsx";

export interface Alternate {
  type: string;
  title: string;
  href: string;
}

const AlternatesContext = createContext<readonly Alternate[]>([]);

export function WithAlternates(props: { links: readonly Alternate[]; children: Child }) {
  return <AlternatesContext.Provider value={props.links}>{props.children}</AlternatesContext.Provider>;
}

/** The links given, else those provided by a surrounding <WithAlternates>. */
export function AlternateLinks(props: { links?: readonly Alternate[] | undefined }) {
  const provided = useContext(AlternatesContext);
  return (
    <>
      {(props.links ?? provided).map((l) => (
        <link rel="alternate" type={l.type} title={l.title} href={l.href} />
      ))}
    </>
  );
}

const FEED_TYPES = [
  ["rss", "application/rss+xml", "RSS"],
  ["atom", "application/atom+xml", "Atom"],
  ["json", "application/feed+json", "JSON Feed"],
] as const;

/**
 * The feeds of the list page at this URL: its path with /feed.rss, .atom or
 * .json appended (the home page's are the daily feed's), the same query
 * without `page`, since a feed is the head of the list.
 */
export function feedAlternates(pageUrl: string, title: string): Alternate[] {
  const u = new URL(pageUrl, "http://localhost");
  const path = u.pathname === "/" ? "/papers" : u.pathname.replace(/\/+$/, "");
  u.searchParams.delete("page");
  const query = u.searchParams.size > 0 ? `?${u.searchParams}` : "";
  return FEED_TYPES.map(([ext, type, name]) => ({ type, title: `${title} (${name})`, href: `${path}/feed.${ext}${query}` }));
}

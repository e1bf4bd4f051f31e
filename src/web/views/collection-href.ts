// Addresses of collections: /u/:name/collections and /u/:name/c/:slug (and its feeds, /u/:name/c/:slug/feed.<format>).
export const collectionsHref = (owner: string): string => `/u/${encodeURIComponent(owner)}/collections`;
export const collectionHref = (owner: string, slug: string): string => `/u/${encodeURIComponent(owner)}/c/${encodeURIComponent(slug)}`;

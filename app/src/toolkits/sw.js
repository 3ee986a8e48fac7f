// The hub's service worker, for the timeline kept in the browser
// (/workspaces/local, its only scope): that page, and the code and styles
// it loads, open with no network, reloading included.
//
// - The page: from the network when there is one; with none, the copy
//   in the cache. On each visit the page's code (toolkits/browser.rs)
//   sends the list of files it loaded (some before this worker could see
//   them); the worker then keeps them, and the page as a signed-out
//   visitor gets it (fetched without cookies, so nobody's name or form
//   token is kept on a shared computer), and drops earlier builds' files.
// - Build output (/pkg/, named by its content's hash, so never stale):
//   from the cache first, else the network (and kept).
// - /assets/ and the icon (not hashed): from the network, else the cache.
// - Nothing else is touched: other requests, form posts and other pages
//   go to the network as if there were no worker.
//
// The end-to-end test (workspace_local.spec.ts) reads CACHE by its name.
const CACHE = "hub-local-tool-v1";
const PAGE = "/workspaces/local";

const keep = (event, request, response) => {
  if (response.ok && !response.redirected) {
    const copy = response.clone();
    event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
  }
  return response;
};

self.addEventListener("install", () => self.skipWaiting());

// Which paths a page may ask to keep: the build's files and the icon.
const keepable = (path) => path.startsWith("/pkg/") || path.startsWith("/assets/") || path === "/favicon.svg";

// The message: "complete" (or "partial", when the page's list of what it
// loaded may be missing some) and the paths it loaded, a line each. Each
// file is kept on its own (one that fails does not stop the others; one
// already kept is not fetched again); the page is kept only when every
// file of its build it names is, and only then are other builds' dropped.
const keepBuild = async (message) => {
  const [list, ...loaded] = message.split("\n");
  const paths = [...new Set(loaded.filter(keepable))];
  const cache = await caches.open(CACHE);
  await Promise.allSettled(
    paths.map(async (path) => {
      if (!(await cache.match(path))) await cache.add(path);
    }),
  );
  const page = await fetch(PAGE, { credentials: "omit", cache: "no-store" });
  if (!page.ok || page.redirected) return;
  const html = await page.clone().text();
  const named = [...new Set(html.match(/\/pkg\/[^"'\s)<>\\]+/g) ?? [])];
  const kept = await Promise.all(named.map((path) => cache.match(path)));
  if (kept.some((response) => !response)) return;
  await cache.put(PAGE, page);
  if (list !== "complete") return;
  const current = new Set([...paths, ...named]);
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith("/pkg/") && !current.has(path)) await cache.delete(request);
  }
};

self.addEventListener("message", (event) => {
  if (typeof event.data === "string") event.waitUntil(keepBuild(event.data).catch(() => undefined));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((name) => name.startsWith("hub-") && name !== CACHE).map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && url.pathname === PAGE) {
    event.respondWith(
      fetch(request).catch(() =>
        caches.match(PAGE).then((kept) => (kept && !kept.redirected ? kept : Response.error())),
      ),
    );
  } else if (url.pathname.startsWith("/pkg/")) {
    event.respondWith(
      caches.match(request).then((kept) => kept || fetch(request).then((response) => keep(event, request, response))),
    );
  } else if (url.pathname.startsWith("/assets/") || url.pathname === "/favicon.svg") {
    event.respondWith(
      fetch(request).then(
        (response) => keep(event, request, response),
        () => caches.match(request).then((kept) => kept || Response.error()),
      ),
    );
  }
});

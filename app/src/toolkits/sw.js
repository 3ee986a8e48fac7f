// The hub's service worker, for the timeline kept in the browser
// (/workspaces/local, its only scope): that page, and the code and styles
// it loads, open with no network, reloading included.
//
// - The page: from the network when there is one; with none, the copy
//   in the cache. The page's own code (toolkits/browser.rs) puts that
//   copy there on each visit, as a signed-out visitor gets the page
//   (fetched without cookies, so nobody's name or form token is kept on
//   a shared computer), with the code and styles of the same build, and
//   drops the files of earlier builds.
// - Build output (/pkg/, named by its content's hash, so never stale):
//   from the cache first, else the network (and kept).
// - /assets/ and the icon (not hashed): from the network, else the cache.
// - Nothing else is touched: other requests, form posts and other pages
//   go to the network as if there were no worker.
//
// CACHE is also written in toolkits/local.rs (a unit test holds them equal).
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

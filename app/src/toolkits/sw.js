// The hub's service worker, for the timeline kept in the browser
// (/workspaces/local, its only scope): that page, and the code and styles
// it loads, open with no network, reloading included.
//
// - The page: from the network when there is one; with none, the copy
//   kept here. That copy is always the page as a signed-out visitor gets
//   it (fetched without cookies), so nobody's name or form token is kept
//   on a shared computer.
// - Build output (/pkg/, named by its content's hash), /assets/ and the
//   icon: from the cache first, else the network (and kept). The page's
//   own code adds what it loaded before this worker could see it, and
//   drops the files of earlier builds (toolkits/browser.rs).
// - Nothing else is touched: other requests, form posts and other pages
//   go to the network as if there were no worker.
//
// CACHE is also written in toolkits/browser.rs.
const CACHE = "hub-local-tool-v1";
const PAGE = "/workspaces/local";

const keepVisitorsPage = () =>
  fetch(PAGE, { credentials: "omit", cache: "no-store" }).then((response) =>
    response.ok ? caches.open(CACHE).then((cache) => cache.put(PAGE, response)) : undefined,
  );

self.addEventListener("install", (event) => {
  event.waitUntil(keepVisitorsPage().then(() => self.skipWaiting()));
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
      fetch(request).then(
        (response) => {
          event.waitUntil(keepVisitorsPage().catch(() => undefined));
          return response;
        },
        () => caches.match(PAGE).then((kept) => kept || Response.error()),
      ),
    );
    return;
  }
  const built = url.pathname.startsWith("/pkg/") || url.pathname.startsWith("/assets/");
  if (built || url.pathname === "/favicon.svg") {
    event.respondWith(
      caches.match(request).then(
        (kept) =>
          kept ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
            }
            return response;
          }),
      ),
    );
  }
});

// The bytes a response takes when sent brotli-compressed, as a browser
// downloads it: shared by the first-load budget and the workspace
// benchmark.
import http from "node:http";

export function brotliSize(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": "br" } }, (response) => {
        if (response.statusCode !== 200) {
          reject(new Error(`${url} answered ${response.statusCode}`));
          response.resume();
          return;
        }
        const encoding = response.headers["content-encoding"];
        let bytes = 0;
        response.on("data", (chunk) => (bytes += chunk.length));
        response.on("end", () =>
          encoding === "br" ? resolve(bytes) : reject(new Error(`${url} was not sent brotli-compressed`)),
        );
      })
      .on("error", reject);
  });
}

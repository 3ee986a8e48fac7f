// Trims the NHS.UK design system's compiled CSS to the components the hub
// uses: the whole stylesheet is render-blocking on every first page, and
// most of it (headers with search, heroes, care cards, tables…) is for
// components the hub never shows.
//
// A component is kept whole (every variant and state) when any of its
// classes appears in the app's source, so classes the code builds at run
// time (nhsuk-tag--{colour}, nhsuk-button--{variant},
// nhsuk-grid-column-{width}) survive; the design system's styles for every
// element that Markdown bodies (resources, lessons) can contain are kept;
// anything else (other element selectors, utilities) is kept when its name
// appears in the source.
//
// usage: node scripts/trim-css.mjs NHSUK_CSS APP_SOURCE_DIR > trimmed.css
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { PurgeCSS } from "purgecss";

const [cssPath, sourceDir] = process.argv.slice(2);
if (!cssPath || !sourceDir) {
  console.error("usage: node scripts/trim-css.mjs NHSUK_CSS APP_SOURCE_DIR");
  process.exit(2);
}

function rustFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return rustFiles(path);
    return name.endsWith(".rs") ? [path] : [];
  });
}

const source = rustFiles(sourceDir)
  .map((path) => readFileSync(path, "utf8"))
  .join("\n");

// nhsuk-card__heading--feature → nhsuk-card; utilities (nhsuk-u-…) only
// as written.
const components = new Set(
  [...source.matchAll(/nhsuk-([a-z]+(?:-[a-z]+)*)/g)]
    .map((match) => `nhsuk-${match[1]}`.split(/__|--/)[0])
    .filter((root) => !root.startsWith("nhsuk-u-")),
);
const escape = (text) => text.replace(/[-/\\^$*+?.()|[\]{}]/g, "\\$&");
const greedy = [...components].map((root) => new RegExp(`^${escape(root)}(?:$|__|--|-)`));

// What the Markdown renderer and its sanitiser (app/src/markdown.rs) can put
// in a page, whether or not the app's own views use it.
const markdownElements =
  /^(h[1-6]|p|hr|br|pre|code|kbd|samp|var|blockquote|ul|ol|li|dl|dt|dd|table|thead|tbody|tfoot|tr|th|td|caption|em|strong|b|i|s|del|ins|sub|sup|a|img|abbr|mark|small|q|cite|details|summary|figure|figcaption)$/;

const [result] = await new PurgeCSS().purge({
  content: [{ raw: source, extension: "html" }],
  css: [{ raw: readFileSync(cssPath, "utf8") }],
  safelist: { standard: [markdownElements], greedy },
  // Keep @font-face and @keyframes as they are: their users are in the CSS.
  fontFace: false,
  keyframes: false,
  variables: false,
});
process.stdout.write(result.css);

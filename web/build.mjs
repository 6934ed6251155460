// Builds the dashboard into the Python package's static folder, which `marsad serve` serves at / and /static/.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "marsad", "api", "static");
const require = createRequire(import.meta.url);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: { app: join(here, "src", "main.js") },
  bundle: true,
  minify: true,
  sourcemap: false,
  format: "iife",
  target: ["es2020"],
  outdir: out,
  legalComments: "linked", // keeps the dependencies' licence notices beside the bundle
  logLevel: "warning",
});

// Leaflet's and markercluster's stylesheets go into one app.css; their images are copied under images/.
await build({
  entryPoints: { app: join(here, "src", "app.css") },
  bundle: true,
  minify: true,
  outdir: out,
  loader: { ".png": "file" },
  assetNames: "images/[name]",
  legalComments: "linked",
  logLevel: "warning",
});

copyFileSync(join(here, "src", "index.html"), join(out, "index.html"));
// Natural Earth countries (public domain) via world-atlas: the offline basemap.
copyFileSync(require.resolve("world-atlas/countries-50m.json"), join(out, "world.json"));
console.log(`dashboard built into ${out}`);

// Builds the dashboard into the Python package's static folder, which `marsad serve` serves at / and /static/.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
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

// The licences of everything the built site ships, beside it.
const shipped = ["leaflet", "leaflet.markercluster", "topojson-client", "world-atlas"];
const notices = shipped.map((name) => {
  const folder = dirname(require.resolve(`${name}/package.json`));
  const { version, license } = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
  const file = readdirSync(folder).find((entry) => /^(license|licence|mit-licence)/i.test(entry));
  const text = file ? readFileSync(join(folder, file), "utf8").trim() : "";
  return `${name} ${version} (${license})\n\n${text}\n`;
});
notices.push("Basemap: Natural Earth (public domain), https://www.naturalearthdata.com/, via world-atlas.\n");
writeFileSync(join(out, "THIRD_PARTY_NOTICES.txt"), notices.join("\n" + "-".repeat(72) + "\n\n"));
console.log(`dashboard built into ${out}`);

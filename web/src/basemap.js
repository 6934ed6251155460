// The basemap, all offline: Natural Earth countries from world.json, OCHA admin1 boundaries when the
// server has them, and a tile layer only when the server is configured with one.
import { feature } from "topojson-client";
import L from "./leaflet.js";
import { getJson } from "./api.js";

export async function addBasemap(map, meta) {
  // only a web address; no attribution from the API, because Leaflet writes attributions as HTML
  if (typeof meta.tile_url === "string" && /^(https?:)?\/\//.test(meta.tile_url)) {
    L.tileLayer(meta.tile_url, { maxZoom: 18 }).addTo(map);
  } else {
    await addCountries(map);
  }
  await addBoundaries(map, meta);
}

async function addCountries(map) {
  const world = await getJson("static/world.json");
  const countries = feature(world, world.objects.countries);
  L.geoJSON(countries, {
    pane: "basemap",
    interactive: false,
    style: { color: "#ffffff", weight: 1, fillColor: "#e4e1d9", fillOpacity: 1 },
  }).addTo(map);
  map.attributionControl.addAttribution("Natural Earth");
}

async function addBoundaries(map, meta) {
  if (meta.boundaries === false) return;
  let boundaries;
  try {
    boundaries = await getJson("api/boundaries");
  } catch {
    return; // 404 when the server has no OCHA boundaries installed: the countries alone will do
  }
  L.geoJSON(boundaries, {
    pane: "basemap",
    interactive: false, // lines only: hover tooltips over whole regions hid the events
    style: { color: "#8a8275", weight: 0.8, dashArray: "3 3", fill: false },
  }).addTo(map);
  map.attributionControl.addAttribution("OCHA");
}

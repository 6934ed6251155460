// The Leaflet map itself: created without any network layer; its centre and zoom follow the view.
import L from "./leaflet.js";

const IRAQ = { center: [33.2, 43.7], zoom: 6 };

export function createMap(view) {
  const map = L.map("map", { minZoom: 2, maxZoom: 16, zoomSnap: 0.5, worldCopyJump: true });
  map.createPane("basemap").style.zIndex = 250; // under the event circles, above any tile layer
  if (view.lat && view.lon && view.z) {
    map.setView([Number(view.lat), Number(view.lon)], Number(view.z));
  } else {
    map.setView(IRAQ.center, IRAQ.zoom);
  }
  // the event panel opening or closing resizes the map's box; Leaflet must learn its new size (and
  // keeps the centre where it was, so a deep link's centre survives the panel opening)
  new ResizeObserver(() => map.invalidateSize()).observe(map.getContainer());
  return map;
}

// Frames the events on a first visit (a deep link keeps its own centre and zoom).
export function frameEvents(map, bounds) {
  if (bounds && bounds.isValid()) map.fitBounds(bounds.pad(0.15), { maxZoom: 8 });
}

export function mapPosition(map) {
  const centre = map.getCenter();
  return { lat: centre.lat.toFixed(4), lon: centre.lng.toFixed(4), z: String(map.getZoom()) };
}

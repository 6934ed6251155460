// Events on the map: one circle per event (colour = type, area = fatalities), clustered.
import L from "./leaflet.js";
import { el } from "./dom.js";
import { t, typeLabel, formatNumber } from "./i18n.js";
import { colourOf, radiusOf } from "./types.js";

export function createEventLayer(map, onSelect) {
  const cluster = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 40,
    disableClusteringAtZoom: 9,
    spiderfyOnMaxZoom: true,
    iconCreateFunction: clusterIcon,
  });
  cluster.addTo(map);
  const byId = new Map();

  function show(events) {
    cluster.clearLayers();
    byId.clear();
    const layers = [];
    for (const event of events) {
      if (!Number.isFinite(event.latitude) || !Number.isFinite(event.longitude)) continue;
      const news = event.reported !== false;
      // an event not reported as news (shown only when asked for) is a pale, dashed circle
      const marker = L.circleMarker([event.latitude, event.longitude], {
        radius: radiusOf(event.fatalities),
        color: "#ffffff",
        weight: 1.5,
        dashArray: news ? null : "3 3",
        fillColor: colourOf(event.event_type),
        fillOpacity: news ? 0.85 : 0.3,
        className: news ? "event-marker" : "event-marker not-reported",
      });
      marker.eventId = event.event_id;
      marker.reported = news;
      marker.bindTooltip(() => tooltipOf(event), { direction: "top" });
      marker.on("click", () => onSelect(event.event_id));
      byId.set(event.event_id, marker);
      layers.push(marker);
    }
    cluster.addLayers(layers);
    return layers.length;
  }

  // Where each event is, whether it is drawn or inside a cluster (for tests and deep links).
  function positions() {
    return [...byId.values()].map((marker) => {
      const { lat, lng } = marker.getLatLng();
      // getVisibleParent() only knows icon markers; a circle drawn on its own is a layer of the map
      const visible = map.hasLayer(marker) && map.getBounds().contains(marker.getLatLng());
      const point = map.latLngToContainerPoint(marker.getLatLng());
      const box = map.getContainer().getBoundingClientRect();
      return { id: marker.eventId, reported: marker.reported, lat, lon: lng, visible, x: box.left + point.x, y: box.top + point.y };
    });
  }

  function focus(id) {
    const marker = byId.get(id);
    if (marker) cluster.zoomToShowLayer(marker, () => marker.bringToFront());
    return Boolean(marker);
  }

  function highlight(id) {
    for (const [key, marker] of byId) marker.setStyle({ color: key === id ? "#111111" : "#ffffff", weight: key === id ? 3 : 1.5 });
  }

  return { show, positions, focus, highlight, bounds: () => cluster.getBounds() };
}

// Neutral clusters, so that no cluster is mistaken for an event type's colour.
function clusterIcon(group) {
  const count = group.getChildCount();
  const size = count < 10 ? 30 : count < 100 ? 36 : 44;
  return L.divIcon({
    html: el("span", { text: formatNumber(count) }),
    className: "event-cluster",
    iconSize: L.point(size, size),
  });
}

function tooltipOf(event) {
  const place = event.location || event.location_ar || t("unknown");
  const lines = [
    el("strong", { text: typeLabel(event.event_type) }),
    el("div", { text: `${event.event_date || t("unknown")} · ${place}` }),
  ];
  if (event.fatalities) lines.push(el("div", { text: `${t("fatalities_label")}: ${formatNumber(event.fatalities)}` }));
  if (event.reported === false) lines.push(el("div", { className: "muted", text: t("not_reported") }));
  return el("div", { className: "marker-tooltip" }, lines);
}

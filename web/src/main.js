// The dashboard: wires the map, timeline, filters, counts, panel and deep links together.
import { ApiError, filterParams, getJson } from "./api.js";
import { addBasemap } from "./basemap.js";
import { createDocumentView } from "./documentview.js";
import { updateExports } from "./exports.js";
import { createFilters } from "./filters.js";
import { formatNumber, language, setLanguage, t } from "./i18n.js";
import { createLegend } from "./legend.js";
import { createMap, frameEvents, mapPosition } from "./map.js";
import { createEventLayer } from "./markers.js";
import { createPanel } from "./panel.js";
import { askForToken } from "./signin.js";
import { readView, writeView } from "./state.js";
import { createTimeline } from "./timeline.js";

const MAX_EVENTS = 100000;
const FILTER_KEYS = ["type", "actor", "admin1", "q", "unreported"];

const view = readView();
// English unless the link or the browser asks for Arabic; the choice then travels in the link.
setLanguage(view.lang || ((navigator.language || "").toLowerCase().startsWith("ar") ? "ar" : "en"));
view.lang = language();

let layer = null;
let pending = Promise.resolve();

window.marsadDashboard = Object.freeze({
  ready: start(),
  markers: () => (layer ? layer.positions() : []),
  settled: () => pending, // resolves when the latest filter change has been drawn
});

async function start() {
  document.body.dataset.state = "loading";
  let meta;
  try {
    meta = await getJson("api/meta");
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      document.body.dataset.state = "token";
      askForToken(document.getElementById("status"));
      return false; // the page reloads once the token is accepted
    }
    status(t("load_error"));
    throw new Error("api/meta failed");
  }
  const map = createMap(view);
  const legend = createLegend(map);
  legend.render();
  const panel = createPanel(document.getElementById("event-panel"), {
    onClose: () => selectEvent(""),
    onDocument: (id) => openDocument(id),
    onZoom: (id) => layer.focus(id),
  });
  const documentView = createDocumentView(document.getElementById("document-view"), () => openDocument(""));
  const timeline = createTimeline(document.getElementById("timeline"), (range) => change(range));
  const filters = createFilters(meta, change);
  layer = createEventLayer(map, (id) => selectEvent(id));
  filters.show(view);
  let shownEvent = null;
  let timelineKey = null;
  let requests = 0;

  async function refresh() {
    const request = ++requests; // answers to an older request are dropped
    document.body.dataset.state = "loading";
    const params = filterParams(view);
    const undated = filterParams(view, { withDates: false });
    const key = JSON.stringify(undated);
    const [listing, stats, history] = await Promise.all([
      getJson("api/events", { ...params, view: "summary", limit: MAX_EVENTS }),
      getJson("api/stats", params),
      key === timelineKey ? null : getJson("api/events", { ...undated, view: "summary", limit: MAX_EVENTS }),
    ]);
    if (request !== requests) return;
    const events = listing.events || [];
    const drawn = layer.show(events);
    legend.setNotReported(Boolean(view.unreported));
    legend.setUnmapped(events.length - drawn);
    document.getElementById("count-events").textContent = formatNumber(stats.total ?? listing.total ?? events.length);
    document.getElementById("count-fatalities").textContent = formatNumber(stats.fatalities ?? 0);
    if (history) {
      timelineKey = key;
      timeline.setEvents(history.events || []);
    }
    timeline.setRange({ since: view.since, until: view.until });
    document.getElementById("range-label").textContent =
      view.since || view.until ? `${view.since || "…"} – ${view.until || "…"}` : t("all_dates");
    document.getElementById("timeline-reset").disabled = !(view.since || view.until);
    updateExports(view);
    if (view.event) layer.highlight(view.event);
    writeView(view);
    document.body.dataset.state = "ready";
  }

  function change(partial) {
    Object.assign(view, partial);
    if (FILTER_KEYS.some((name) => name in partial)) filters.show(view);
    pending = refresh().catch(failed);
    return pending;
  }

  async function selectEvent(id) {
    view.event = id;
    writeView(view);
    layer.highlight(id);
    shownEvent = null;
    if (!id) {
      panel.close();
      return;
    }
    panel.loading();
    try {
      const event = await getJson(`api/events/${encodeURIComponent(id)}`);
      if (view.event !== id) return;
      shownEvent = event;
      panel.show(event);
    } catch (error) {
      panel.missing(error instanceof ApiError && error.status === 404 ? t("not_found") : t("load_error"));
    }
  }

  async function openDocument(id) {
    view.doc = id;
    writeView(view);
    if (id) await documentView.open(id);
    else documentView.close();
  }

  document.getElementById("timeline-reset").addEventListener("click", () => change({ since: "", until: "" }));
  document.getElementById("lang-toggle").addEventListener("click", () => {
    setLanguage(language() === "ar" ? "en" : "ar");
    view.lang = language();
    filters.show(view);
    legend.render();
    timeline.render();
    document.getElementById("range-label").textContent =
      view.since || view.until ? `${view.since || "…"} – ${view.until || "…"}` : t("all_dates");
    if (shownEvent) panel.show(shownEvent);
    if (view.doc) documentView.open(view.doc);
    writeView(view);
  });
  map.on("moveend", () => {
    Object.assign(view, mapPosition(map));
    writeView(view);
  });

  const framed = Boolean(view.lat && view.lon && view.z);
  await Promise.all([addBasemap(map, meta).catch(() => undefined), (pending = refresh())]);
  if (!framed) frameEvents(map, layer.bounds());
  const opening = [];
  if (view.event) opening.push(selectEvent(view.event));
  if (view.doc) opening.push(openDocument(view.doc));
  await Promise.all(opening);
  return true;
}

function failed(error) {
  status(t("load_error"));
  document.body.dataset.state = "error";
  console.error(error);
}

function status(message) {
  document.getElementById("status").textContent = message;
}

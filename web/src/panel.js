// The event panel: what happened, where, when and how precisely, who, the figures, and each
// outlet's own words with highlights.
import { clear, el } from "./dom.js";
import { highlightKey } from "./highlight.js";
import { formatNumber, language, t, typeLabel } from "./i18n.js";
import { geoPrecision, timePrecision } from "./precision.js";
import { evidenceBlock, sourceTable, sourcesOf } from "./sources.js";
import { colourOf } from "./types.js";

export function createPanel(root, { onClose, onDocument, onZoom }) {
  function open(children) {
    clear(root);
    root.hidden = false;
    root.append(
      el("button", { type: "button", className: "close", "aria-label": t("close"), title: t("close"), text: "×", onclick: onClose }),
      ...children,
    );
    root.scrollTop = 0;
  }

  return {
    loading() {
      open([el("p", { className: "muted", text: t("loading") })]);
    },
    missing(message) {
      open([el("p", { className: "notice", text: message })]);
    },
    close() {
      clear(root);
      root.hidden = true;
    },
    show(event) {
      const sources = sourcesOf(event);
      open([
        el("h2", { className: "event-title" }, [
          el("span", { className: "swatch", style: `background:${colourOf(event.event_type)}` }),
          el("span", { className: "event-type", text: typeLabel(event.event_type) }),
        ]),
        el("p", { className: "sub-event-type", text: event.sub_event_type || "" }),
        facts(event, onZoom),
        el("h3", { text: t("evidence") }),
        highlightKey(),
        ...sources.map((source) => evidenceBlock(source, onDocument)),
        el("h3", { text: t("sources_compare") }),
        el("div", { className: "table-wrap" }, [sourceTable(sources)]),
        revisions(event),
      ]);
    },
  };
}

function row(label, ...values) {
  return [el("dt", { text: label }), el("dd", {}, values.filter((value) => value !== null && value !== undefined && value !== ""))];
}

function arabic(text) {
  return text ? el("bdi", { className: "ar", dir: "rtl", lang: "ar", text }) : null;
}

// One line per actor: its ACLED name, then the words of the report, isolated so the scripts never mix.
function actor(value, prefix = "") {
  if (!value || !value.name) return null;
  return el("div", { className: "actor" }, [
    prefix ? el("span", { className: "muted", text: `${prefix} ` }) : null,
    el("bdi", { dir: "auto", text: value.name }),
    value.text ? " · " : null,
    arabic(value.text),
  ]);
}

function actorsOf(main, associates) {
  const parts = [actor(main)];
  for (const associate of Array.isArray(associates) ? associates : []) parts.push(actor(associate, t("assoc_actor")));
  return parts.some(Boolean) ? parts : [t("none")];
}

function figure(value) {
  return Number.isFinite(value) ? formatNumber(value) : "–";
}

// the admin1 in the reader's language: its Arabic name in Arabic where the record has one
function regionName(place) {
  return language() === "ar" && place.admin1_ar ? place.admin1_ar : place.admin1;
}

function facts(event, onZoom) {
  const place = event.location || {};
  const placeParts = [
    place.name ? el("bdi", { dir: "auto", text: place.name }) : null,
    place.name_ar ? " " : null,
    arabic(place.name_ar),
    place.admin1 ? el("span", { className: "muted", text: ` — ${[regionName(place), place.country].filter(Boolean).join(", ")}` }) : null,
    place.relation && place.relation.words ? el("span", { className: "muted" }, [` (${t("relation")}: `, arabic(place.relation.words), ")"]) : null,
  ];
  const zoom = Number.isFinite(place.latitude)
    ? el("button", { type: "button", className: "link-button", text: t("zoom_to"), onclick: () => onZoom(event.event_id) })
    : null;
  const confidence = Number.isFinite(event.confidence) ? `${Math.round(event.confidence * 100)}%` : t("unknown");
  return el("dl", { className: "facts" }, [
    ...row(t("date"), event.event_date || t("unknown"), event.date && event.date.text ? " " : null, arabic(event.date && event.date.text)),
    ...row(t("time_precision"), el("span", { className: "time-precision", text: timePrecision(event.time_precision) })),
    ...row(t("place"), ...(place.name || place.name_ar ? placeParts : [t("unknown")]), zoom ? " " : null, zoom),
    ...row(t("geo_precision"), el("span", { className: "geo-precision", text: geoPrecision(place.geo_precision) })),
    ...row(t("actor1"), ...actorsOf(event.actor1, event.assoc_actor_1)),
    ...row(t("actor2"), ...actorsOf(event.actor2, event.assoc_actor_2)),
    ...row(t("figures"), el("span", { className: "figures" }, [
      `${t("fatalities_label")} ${figure(event.fatalities)} · ${t("injured")} ${figure(event.injured)} · ${t("arrested")} ${figure(event.arrested)}`,
      Number.isFinite(event.bodies_found) ? ` · ${t("bodies_found")} ${figure(event.bodies_found)}` : "",
    ])),
    ...row(t("confidence"), el("span", { className: "confidence", text: confidence })),
    ...row(t("disorder_type"), event.disorder_type || t("unknown")),
    ...row(t("reported"), el("span", { className: "reported", text: verdict(event) })),
    ...row(t("modality"), event.modality || t("unknown")),
    ...row(t("sources"), event.source || t("unknown")),
    ...row(t("event_id"), el("code", { text: event.event_id || "" })),
  ]);
}

// The news judge's verdict and its probability (null for events stored before the judge).
function verdict(event) {
  if (typeof event.reported !== "boolean") return t("unknown");
  const said = t(event.reported ? "reported_yes" : "reported_no");
  if (!Number.isFinite(event.news_probability)) return said;
  return `${said} (${t("news_probability", { p: `${Math.round(event.news_probability * 100)}%` })})`;
}

function revisions(event) {
  const list = Array.isArray(event.revisions) ? event.revisions : [];
  if (list.length === 0) return null;
  return el("details", { className: "revisions" }, [
    el("summary", { text: `${t("revisions")} (${list.length})` }),
    el("ul", {}, list.map((item) => el("li", { text: [item.revision, item.updated, item.reason].filter(Boolean).join(" · ") }))),
  ]);
}

// Each outlet's report of an event: its evidence sentence with highlights, and a table of every
// outlet's figures side by side.
import { el, externalLink } from "./dom.js";
import { highlighted, marksOf, outside } from "./highlight.js";
import { formatNumber, t } from "./i18n.js";

// The per-source entries of a canonical event, each with the report record that has its own spans
// (sources_detail items carry it under "report"; the entry's own fields fill what it lacks).
export function sourcesOf(event) {
  const entries = Array.isArray(event.sources) ? event.sources : [];
  const details = (Array.isArray(event.sources_detail) ? event.sources_detail : [])
    .filter((item) => item && typeof item === "object")
    .map((item) => ({ document_id: item.document_id, ...(item.report || item) }));
  return entries.map((entry) => {
    const detail =
      details.find((item) => entry.event_id && item.event_id === entry.event_id) ||
      details.find((item) => entry.document_id && item.document_id === entry.document_id) ||
      null;
    return { entry, record: detail ? { ...entry, ...detail } : entry };
  });
}

export function outletName(entry) {
  for (const key of ["outlet", "source_name", "source"]) {
    if (typeof entry[key] === "string" && entry[key]) return entry[key];
  }
  return t("unknown");
}

function number(value) {
  return Number.isFinite(value) ? formatNumber(value) : "–";
}

export function evidenceBlock({ entry, record }, openDocument) {
  const evidence = record.evidence || {};
  const offset = Array.isArray(evidence.span) ? evidence.span[0] : 0;
  const marks = marksOf(record);
  const sentence = evidence.text
    ? el("p", { className: "evidence", dir: "rtl", lang: "ar" }, highlighted(evidence.text, offset, marks))
    : el("p", { className: "muted", text: t("no_evidence") });
  const elsewhere = evidence.text ? outside(evidence.text, offset, marks) : [];
  const more = elsewhere.length
    ? el("p", { className: "elsewhere" }, [
        t("also_in_report"),
        " ",
        ...elsewhere.map((mark) => el("mark", { className: `hl-${mark.kind}`, dir: "rtl", lang: "ar", title: mark.label, text: textOf(mark, record) })),
      ])
    : null;
  const fullText = entry.document_id
    ? el("button", { type: "button", className: "link-button full-text", dataset: { document: entry.document_id }, text: t("full_text"), onclick: () => openDocument(entry.document_id) })
    : null;
  return el("section", { className: "source-evidence" }, [
    el("h4", {}, [el("span", { dir: "auto", text: outletName(entry) }), entry.published ? el("span", { className: "muted", text: ` · ${entry.published}` }) : null]),
    sentence,
    more,
    fullText,
  ]);
}

// The words of a mark outside the evidence sentence, as the record itself quotes them.
function textOf(mark, record) {
  const quoted = [record.trigger, record.date, record.location, record.actor1, record.actor2, ...(record.counts || [])].find(
    (item) => item && Array.isArray(item.span) && item.span[0] === mark.span[0] && item.span[1] === mark.span[1],
  );
  return (quoted && quoted.text) || mark.label;
}

export function sourceTable(sources) {
  const head = ["outlet", "published", "fatalities_label", "injured", "arrested", "event_date", "link"];
  const rows = sources.map(({ entry }) =>
    el("tr", { className: "source-row", dataset: { document: entry.document_id || "" } }, [
      el("td", { dir: "auto", text: outletName(entry) }),
      el("td", { text: entry.published || "–" }),
      el("td", { className: "num", text: number(entry.fatalities) }),
      el("td", { className: "num", text: number(entry.injured) }),
      el("td", { className: "num", text: number(entry.arrested) }),
      el("td", { text: entry.event_date || "–" }),
      el("td", {}, [externalLink(entry.url, t("open_source")) || "–"]),
    ]),
  );
  return el("table", { className: "sources-table" }, [
    el("thead", {}, [el("tr", {}, head.map((key) => el("th", { scope: "col", text: t(key) })))]),
    el("tbody", {}, rows),
  ]);
}

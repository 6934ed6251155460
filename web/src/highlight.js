// Highlights of an event's words (trigger, actors, place, date, counts) inside a stretch of the
// original text. Spans are Python character offsets (code points), so the text is cut by code points.
import { el } from "./dom.js";
import { t } from "./i18n.js";

export const HIGHLIGHT_KINDS = ["trigger", "actor", "place", "date", "count"];

function validSpan(span) {
  return Array.isArray(span) && span.length === 2 && Number.isInteger(span[0]) && Number.isInteger(span[1]) && span[0] < span[1];
}

// The highlights a report record carries, with spans into its document's text.
export function marksOf(record) {
  const marks = [];
  const add = (kind, item, label) => {
    if (item && validSpan(item.span)) marks.push({ kind, span: item.span, label: label || item.text || "" });
  };
  if (!record) return marks;
  add("trigger", record.trigger, record.sub_event_type || record.event_type);
  for (const key of ["actor1", "actor2"]) add("actor", record[key], record[key] && record[key].name);
  for (const key of ["assoc_actor_1", "assoc_actor_2"]) {
    for (const actor of Array.isArray(record[key]) ? record[key] : []) add("actor", actor, actor.name);
  }
  add("place", record.location, record.location && record.location.name);
  add("date", record.date, record.event_date);
  for (const count of Array.isArray(record.counts) ? record.counts : []) add("count", count, `${count.role}: ${count.value}`);
  return marks;
}

// Nodes for `text` (which starts at `offset` in its document) with the marks that fall inside it.
export function highlighted(text, offset, marks) {
  const chars = Array.from(text || "");
  const end = offset + chars.length;
  const inside = marks
    .filter((mark) => mark.span[0] >= offset && mark.span[1] <= end)
    .sort((a, b) => a.span[0] - b.span[0] || b.span[1] - a.span[1]);
  const nodes = [];
  let cursor = offset;
  for (const mark of inside) {
    if (mark.span[0] < cursor) continue; // overlaps one already shown: the first and longest wins
    if (mark.span[0] > cursor) nodes.push(document.createTextNode(chars.slice(cursor - offset, mark.span[0] - offset).join("")));
    const words = chars.slice(mark.span[0] - offset, mark.span[1] - offset).join("");
    nodes.push(el("mark", { className: `hl-${mark.kind}`, title: `${t(`hl_${mark.kind}`)}: ${mark.label}` }, [words]));
    cursor = mark.span[1];
  }
  if (cursor < end) nodes.push(document.createTextNode(chars.slice(cursor - offset).join("")));
  return nodes;
}

// Marks that lie outside the quoted stretch (a trigger or date from another sentence of the report).
export function outside(text, offset, marks) {
  const end = offset + Array.from(text || "").length;
  return marks.filter((mark) => mark.span[1] <= offset || mark.span[0] >= end);
}

export function highlightKey() {
  return el("p", { className: "highlight-key" }, [
    t("highlights"),
    ...HIGHLIGHT_KINDS.map((kind) => el("mark", { className: `hl-${kind}`, text: t(`hl_${kind}`) })),
  ]);
}

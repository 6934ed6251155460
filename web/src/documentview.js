// A source document's whole text, right to left, with every event's highlights.
import { getJson } from "./api.js";
import { clear, el, externalLink } from "./dom.js";
import { highlightKey, highlighted, marksOf } from "./highlight.js";
import { t } from "./i18n.js";

export function createDocumentView(root, onClose) {
  const close = () => {
    clear(root);
    root.hidden = true;
  };
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !root.hidden) onClose();
  });
  root.addEventListener("click", (event) => {
    if (event.target === root) onClose(); // a click on the backdrop
  });

  function frame(children) {
    clear(root);
    root.hidden = false;
    root.append(
      el("div", { className: "document-card" }, [
        el("button", { type: "button", className: "close", "aria-label": t("close"), title: t("close"), text: "×", onclick: onClose }),
        ...children,
      ]),
    );
  }

  return {
    close,
    async open(id) {
      frame([el("p", { className: "muted", text: t("loading") })]);
      let documentRecord;
      try {
        documentRecord = await getJson(`api/documents/${encodeURIComponent(id)}`);
      } catch (error) {
        frame([el("p", { className: "notice", text: error.status === 404 ? `${id}: 404` : t("load_error") })]);
        return;
      }
      const events = Array.isArray(documentRecord.events) ? documentRecord.events : [];
      const marks = events.flatMap(marksOf);
      frame([
        el("p", { className: "muted", text: t("document") }),
        el("h2", { className: "document-title", dir: "auto", lang: "ar", text: documentRecord.title || documentRecord.id || id }),
        el("p", { className: "document-meta" }, [
          [documentRecord.source, documentRecord.published].filter(Boolean).join(" · "),
          " ",
          externalLink(documentRecord.url, t("open_source")),
        ]),
        el("p", { className: "muted", text: t("document_events", { n: events.length }) }),
        highlightKey(),
        el("div", { className: "document-text", dir: "rtl", lang: "ar" }, highlighted(documentRecord.text || "", 0, marks)),
      ]);
    },
  };
}

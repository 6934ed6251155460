// The map's legend: colours by event type, circle size by fatalities, and how many events are unmapped.
import L from "./leaflet.js";
import { clear, el } from "./dom.js";
import { t, typeLabel } from "./i18n.js";
import { EVENT_TYPES, colourOf, radiusOf } from "./types.js";

export function createLegend(map) {
  // collapsible, because on a narrow map (panel open) it would hide events
  const box = el("details", { className: "legend leaflet-bar", id: "legend", open: true });
  const control = L.control({ position: "bottomright" });
  control.onAdd = () => box;
  control.addTo(map);
  L.DomEvent.disableClickPropagation(box);
  let unmapped = 0;
  let notReported = false;

  function render() {
    clear(box);
    box.append(el("summary", { className: "legend-title", text: t("legend") }));
    for (const type of EVENT_TYPES) {
      box.append(
        el("div", { className: "legend-row" }, [
          el("span", { className: "swatch", style: `background:${colourOf(type)}` }),
          el("span", { text: typeLabel(type) }),
        ]),
      );
    }
    box.append(el("div", { className: "legend-title", text: t("size_legend") }));
    const sizes = el("div", { className: "legend-sizes" });
    for (const value of [0, 10, 50]) {
      const diameter = 2 * radiusOf(value);
      sizes.append(
        el("span", { className: "size" }, [
          el("span", { className: "circle", style: `width:${diameter}px;height:${diameter}px` }),
          el("span", { text: String(value) }),
        ]),
      );
    }
    box.append(sizes);
    if (notReported) {
      box.append(
        el("div", { className: "legend-row legend-not-reported" }, [
          el("span", { className: "swatch not-reported" }),
          el("span", { text: t("legend_not_reported") }),
        ]),
      );
    }
    if (unmapped > 0) box.append(el("div", { className: "legend-note", text: t("unmapped", { n: unmapped }) }));
  }

  return {
    render,
    setUnmapped(count) {
      unmapped = count;
      render();
    },
    // with the toggle on, the pale dashed circles are the events not reported as news
    setNotReported(shown) {
      notReported = shown;
      render();
    },
  };
}

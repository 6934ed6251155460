// The timeline: an SVG histogram of events over time; dragging across it chooses since/until.
import { binEvents } from "./bins.js";
import { dayOf, firstOfMonthsBetween, isoOf, mondayOf, yearOf } from "./dates.js";
import { t } from "./i18n.js";

const SVG = "http://www.w3.org/2000/svg";
const HEIGHT = 120;
const AXIS = 18;
const PAD = 12;

function svg(tag, attributes = {}, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

export function createTimeline(root, onRange) {
  let histogram = binEvents([]);
  let range = { since: "", until: "" };
  let drag = null;

  const scale = () => {
    const width = Math.max(root.clientWidth, 200);
    const span = Math.max(histogram.end - histogram.start, 1);
    return {
      width,
      x: (day) => PAD + ((day - histogram.start) / span) * (width - 2 * PAD),
      day: (x) => histogram.start + ((x - PAD) / (width - 2 * PAD)) * span,
    };
  };

  function render() {
    root.replaceChildren();
    const { width, x } = scale();
    root.setAttribute("viewBox", `0 0 ${width} ${HEIGHT}`);
    root.setAttribute("height", HEIGHT);
    if (histogram.bins.length === 0) return;
    const top = Math.max(...histogram.bins.map((bin) => bin.count));
    const plot = HEIGHT - AXIS - 6;
    const since = dayOf(range.since);
    const until = dayOf(range.until);
    const bars = svg("g", { class: "bars" });
    for (const bin of histogram.bins) {
      const inside = (since === null || bin.to >= since) && (until === null || bin.from <= until);
      const left = x(bin.from);
      const barWidth = Math.max(x(bin.to + 1) - left - 1, 1.5);
      const height = Math.max((bin.count / top) * plot, 2);
      const bar = svg("rect", {
        class: inside ? "bar" : "bar out-of-range",
        x: left,
        y: 6 + plot - height,
        width: barWidth,
        height,
        "data-from": isoOf(bin.from),
        "data-count": bin.count,
      });
      bar.append(svg("title", {}, `${isoOf(bin.from)}: ${bin.count}`));
      bars.append(bar);
    }
    root.append(axis(x), bars);
    if (since !== null || until !== null) {
      const left = x(since ?? histogram.start);
      const right = x((until ?? histogram.end) + 1);
      root.append(svg("rect", { class: "selection", x: left, y: 2, width: Math.max(right - left, 1), height: plot + 6 }));
    }
    root.append(svg("text", { class: "unit", x: width - PAD, y: 14, "text-anchor": "end" }, t(histogram.unit === "day" ? "per_day" : "per_week")));
  }

  function axis(x) {
    const group = svg("g", { class: "axis" });
    const baseline = HEIGHT - AXIS;
    group.append(svg("line", { x1: PAD, x2: x(histogram.end), y1: baseline, y2: baseline }));
    const months = firstOfMonthsBetween(histogram.start, histogram.end);
    const years = months.length > 24;
    const step = Math.ceil(months.length / (years ? 1e9 : 12));
    months.forEach((day, index) => {
      const january = new Date(day * 86400000).getUTCMonth() === 0;
      if (years ? !january : index % step !== 0) return;
      const label = years ? String(yearOf(day)) : isoOf(day).slice(0, 7);
      group.append(svg("line", { x1: x(day), x2: x(day), y1: baseline, y2: baseline + 4 }));
      group.append(svg("text", { x: x(day), y: HEIGHT - 3, "text-anchor": "middle" }, label));
    });
    return group;
  }

  function pointerX(event) {
    const box = root.getBoundingClientRect();
    return ((event.clientX - box.left) / box.width) * scale().width;
  }

  root.addEventListener("pointerdown", (event) => {
    if (histogram.bins.length === 0 || event.button !== 0) return;
    drag = { from: pointerX(event), band: svg("rect", { class: "brush", y: 2, height: HEIGHT - AXIS - 2 }) };
    root.append(drag.band);
    root.setPointerCapture(event.pointerId);
  });
  root.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const to = pointerX(event);
    drag.band.setAttribute("x", Math.min(drag.from, to));
    drag.band.setAttribute("width", Math.abs(to - drag.from));
  });
  root.addEventListener("pointerup", (event) => {
    if (!drag) return;
    const { day } = scale();
    const { from } = drag;
    const to = pointerX(event);
    const moved = Math.abs(to - drag.from) >= 4;
    drag = null;
    if (moved) {
      onRange({ since: isoOf(Math.floor(day(Math.min(from, to)))), until: isoOf(Math.floor(day(Math.max(from, to)))) });
      return;
    }
    // a click without a drag picks the day or week under the pointer
    const clicked = Math.floor(day(to));
    const first = histogram.unit === "day" ? clicked : mondayOf(clicked);
    onRange({ since: isoOf(first), until: isoOf(first + histogram.width - 1) });
  });

  window.addEventListener("resize", render);

  return {
    setEvents(events) {
      histogram = binEvents(events);
      render();
    },
    setRange(next) {
      range = next;
      render();
    },
    render,
  };
}

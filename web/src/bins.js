// Events per day (short ranges) or per week (Monday-based), over the span the events cover.
import { dayOf, mondayOf } from "./dates.js";

const DAILY_UP_TO_DAYS = 120;

export function binEvents(events) {
  const days = events.map((event) => dayOf(event.event_date)).filter((day) => day !== null);
  if (days.length === 0) return { unit: "week", bins: [], start: null, end: null };
  // a loop, not Math.min(...days): spreading 100,000 arguments overflows the call stack
  let first = days[0];
  let last = days[0];
  for (const day of days) {
    if (day < first) first = day;
    if (day > last) last = day;
  }
  const unit = last - first <= DAILY_UP_TO_DAYS ? "day" : "week";
  const width = unit === "day" ? 1 : 7;
  const start = unit === "day" ? first - 1 : mondayOf(first) - 7; // one empty bin each side frames the bars
  const end = (unit === "day" ? last + 1 : mondayOf(last) + 7) + width;
  const counts = new Map();
  for (const day of days) {
    const bin = unit === "day" ? day : mondayOf(day);
    counts.set(bin, (counts.get(bin) || 0) + 1);
  }
  const bins = [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([from, count]) => ({ from, to: from + width - 1, count }));
  return { unit, bins, start, end, width };
}

// Calendar dates as UTC day numbers, so that no time zone ever moves an event to another day.
const DAY = 86400000;

export function dayOf(iso) {
  if (typeof iso !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return null;
  const [year, month, day] = iso.slice(0, 10).split("-").map(Number);
  return Date.UTC(year, month - 1, day) / DAY;
}

export function isoOf(day) {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

// ISO weeks start on Monday, as the API's by_week does.
export function mondayOf(day) {
  const weekday = (new Date(day * DAY).getUTCDay() + 6) % 7;
  return day - weekday;
}

export function yearOf(day) {
  return new Date(day * DAY).getUTCFullYear();
}

export function firstOfMonthsBetween(start, end) {
  const months = [];
  const cursor = new Date(start * DAY);
  cursor.setUTCDate(1);
  while (cursor.getTime() / DAY <= end) {
    if (cursor.getTime() / DAY >= start) months.push(cursor.getTime() / DAY);
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
}

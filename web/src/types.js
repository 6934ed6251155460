// ACLED's six event types, their colours on the map, and circle sizes by fatalities.
export const EVENT_TYPES = [
  "Battles",
  "Violence against civilians",
  "Explosions/Remote violence",
  "Protests",
  "Riots",
  "Strategic developments",
];

const COLOURS = {
  Battles: "#c62828",
  "Violence against civilians": "#7b1fa2",
  "Explosions/Remote violence": "#ef6c00",
  Protests: "#2e7d32",
  Riots: "#b8860b",
  "Strategic developments": "#1565c0",
};

export function colourOf(eventType) {
  return COLOURS[eventType] || "#616161";
}

const MIN_RADIUS = 5;

// Square root so that the circle's area, not its radius, follows the toll; capped to keep the map readable.
export function radiusOf(fatalities) {
  if (!Number.isFinite(fatalities) || fatalities <= 0) return MIN_RADIUS;
  return Math.min(MIN_RADIUS + 2.5 * Math.sqrt(fatalities), 32);
}

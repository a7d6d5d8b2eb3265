// How times and durations read on the booking and operator pages (one wording for both).

const dateFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
});

/** A date and time in the reader's time zone. */
export const when = (iso) => dateFormat.format(new Date(iso));

/** An estimate: "about 40 s", "about 12 min", "about 3 h"; "–" when there is none. */
export function duration(seconds) {
  if (seconds == null) return '–';
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 120 ? `about ${minutes} min` : `about ${Math.round(minutes / 60)} h`;
}

/** A running clock of minutes and seconds: "4:07". */
export function clock(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** Time left until a moment: "2:05" under an hour, "3 h 02 min" beyond, "2 days 4 h" for days. */
export function countdown(ms) {
  const total = Math.ceil(ms / 1000);
  if (total < 3600) return clock(ms);
  const hours = Math.floor(total / 3600);
  if (hours < 48) return `${hours} h ${String(Math.floor((total % 3600) / 60)).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} days ${hours % 24} h`;
}

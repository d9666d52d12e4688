/** Inline SVG icons for the concern categories (no icon font); decorative, the label names it. */
const PATHS: Record<string, string> = {
  mail_piling_up: 'M3 7h18v12H3z M3 7l9 6 9-6 M7 3h10v4',
  not_seen: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M4 21c0-4 4-6 8-6s8 2 8 6 M3 3l18 18',
  lights: 'M9 18h6 M10 21h4 M12 3a6 6 0 0 0-4 10.5c.7.7 1 1.5 1 2.5h6c0-1 .3-1.8 1-2.5A6 6 0 0 0 12 3z',
  laundry: 'M3 5h18 M6 5v4l-2 10h6V9 M14 9v10h6l-2-10V5',
  smell_noise: 'M4 10v4h3l5 4V6L7 10z M16 9c1 1 1 5 0 6 M19 7c2 2 2 8 0 10',
  appearance: 'M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M5 21l2-7h10l2 7 M9 14l3 3 3-3',
  dementia: 'M12 3a7 7 0 0 0-7 7c0 3 2 4 2 7h10c0-3 2-4 2-7a7 7 0 0 0-7-7z M9 21h6 M12 7v4l2 2',
  abuse_neglect: 'M12 3l9 16H3z M12 9v5 M12 17v.5',
  consumer_fraud: 'M4 7h16v12H4z M4 11h16 M8 15h3 M15 3l-3 4-3-4',
  hoarding: 'M4 20h16 M5 20v-6h5v6 M10 20v-9h5v9 M15 20v-4h4v4 M7 14V9h4',
  child_alone: 'M12 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6z M8 21v-6l-2-2 3-3h6l3 3-2 2v6',
  other: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14 M12 17v.5',
};

export function CategoryIcon({ code }: { code: string }) {
  return (
    <svg
      className="cat-icon"
      viewBox="0 0 24 24"
      width="36"
      height="36"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={PATHS[code] ?? PATHS.other} />
    </svg>
  );
}

/** Small UI icons used next to text. */
export function Icon({ name }: { name: 'pin' | 'map' | 'camera' | 'phone' | 'globe' | 'check' | 'clock' | 'alert' | 'send' }) {
  const d = {
    pin: 'M12 21s-7-6.5-7-12a7 7 0 0 1 14 0c0 5.5-7 12-7 12z M12 11.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z',
    map: 'M3 6l6-3 6 3 6-3v15l-6 3-6-3-6 3z M9 3v15 M15 6v15',
    camera: 'M4 7h4l2-3h4l2 3h4v13H4z M12 17a4 4 0 1 0 0-8 4 4 0 0 0 0 8z',
    phone: 'M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 5a2 2 0 0 1 2-2z',
    globe: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z M3 12h18 M12 3c2.5 2.5 3.5 5.5 3.5 9s-1 6.5-3.5 9c-2.5-2.5-3.5-5.5-3.5-9s1-6.5 3.5-9z',
    check: 'M4 12l5 5L20 6',
    clock: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z M12 7v5l3 2',
    alert: 'M12 3l9 16H3z M12 9v5 M12 17v.5',
    send: 'M3 11l18-8-8 18-2-8z',
  }[name];
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      width="24"
      height="24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={d} />
    </svg>
  );
}

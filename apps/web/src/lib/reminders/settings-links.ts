// Subscribe links for the calendar feed: Apple Calendar opens webcal: URLs as
// subscriptions; Google Calendar takes one in its cid parameter.

/** The same URL with webcal:, which Apple Calendar opens as a subscription. */
export function webcalUrl(url: string): string {
  return url.replace(/^https?:/, 'webcal:');
}

/** Google Calendar's "add by URL" page, with the feed filled in. */
export function googleCalendarUrl(url: string): string {
  return `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcalUrl(url))}`;
}

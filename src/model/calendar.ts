const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether a year, month and day name a real day of the Gregorian calendar. Years before 100 are
 * refused, as Date.UTC refused them (it reads them as 19xx); a test holds the two to the same
 * answers.
 */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (daysInMonth[month - 1] as number));
}

/**
 * The first and last day a date of the register can be: itself for a day, the month's or the
 * year's first and last day for a date known only to the month (YYYY-MM) or the year (YYYY).
 */
export function dateRange(date: string): { first: string; last: string; exact: boolean } {
  if (date.length === 10) return { first: date, last: date, exact: true };
  if (date.length === 7) {
    const year = Number(date.slice(0, 4));
    const month = Number(date.slice(5, 7));
    let last = 31;
    while (last > 28 && !isCalendarDay(year, month, last)) last--;
    return { first: `${date}-01`, last: `${date}-${String(last).padStart(2, "0")}`, exact: false };
  }
  return { first: `${date}-01-01`, last: `${date}-12-31`, exact: false };
}

/** Formatting shared by every screen: dates in India's time zone, rupees, distances. */
const ZONE = 'Asia/Kolkata';

function locale(language: string): string {
  return language === 'hi' ? 'hi-IN' : 'en-IN';
}

/** "2026-03-12" (a calendar date) → "12 Mar 2026". Calendar dates carry no time zone. */
export function formatDate(isoDate: string, language: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale(language), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A UTC instant shown in Asia/Kolkata: "12 Mar 2026, 3:45 pm". */
export function formatDateTime(isoTime: string, language: string): string {
  const date = new Date(isoTime);
  if (Number.isNaN(date.getTime())) return isoTime;
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium', timeStyle: 'short', timeZone: ZONE }).format(date);
}

/** A UTC instant as its calendar date in Asia/Kolkata. */
export function formatDay(isoTime: string, language: string): string {
  const date = new Date(isoTime);
  if (Number.isNaN(date.getTime())) return isoTime;
  return new Intl.DateTimeFormat(locale(language), { day: 'numeric', month: 'short', year: 'numeric', timeZone: ZONE }).format(date);
}

/** "2026-03-01" (a payment period) → "Mar 2026". */
export function formatMonth(isoDate: string, language: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale(language), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** 150000 paise → "₹1,500". */
export function formatRupees(paise: number, language: string): string {
  return new Intl.NumberFormat(locale(language), {
    style: 'currency',
    currency: 'INR',
    maximumFractionDigits: paise % 100 === 0 ? 0 : 2,
  }).format(paise / 100);
}

/** 0.4321 → "430 m"; 12.345 → "12.3 km". */
export function formatDistance(km: number, language: string): string {
  const n = new Intl.NumberFormat(locale(language), { maximumFractionDigits: km < 10 ? 1 : 0 });
  if (km < 1) return `${new Intl.NumberFormat(locale(language)).format(Math.round((km * 1000) / 10) * 10)} m`;
  return `${n.format(km)} km`;
}

/** "+919876543210" → "+91 98765 43210" for reading out. Masked or other numbers pass through. */
export function formatPhone(e164: string): string {
  const match = /^\+91(\d{5})(\d{5})$/.exec(e164);
  return match ? `+91 ${match[1]} ${match[2]}` : e164;
}

/** 75_000 ms → "1:15"; an hour or more → "1:02:03". Never negative (clocks a moment apart). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** A UTC instant as a time of day in Asia/Kolkata: "3:45:10 pm". */
export function formatTime(isoTime: string, language: string): string {
  const date = new Date(isoTime);
  if (Number.isNaN(date.getTime())) return isoTime;
  return new Intl.DateTimeFormat(locale(language), { timeStyle: 'medium', timeZone: ZONE }).format(date);
}

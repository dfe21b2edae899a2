import i18n from "./i18n";

export function money(amount: { amount: number; currency: string }): string {
  return new Intl.NumberFormat(i18n.language, { style: "currency", currency: amount.currency }).format(amount.amount / 100);
}

export function date(value: string): string {
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: "long" }).format(new Date(value));
}

export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.min(100, Math.round((part * 100) / whole)) : 0;
}

export function dateTime(value: string): string {
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeStyle: "short" }).format(new Date(value));
}

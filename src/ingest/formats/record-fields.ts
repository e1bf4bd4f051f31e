// Typed reads of loosely shaped JSON records and lenient date parsing, shared by the format parsers.
//
// Contract: a field that is absent or null reads as null; a field present with
// the wrong type throws FieldError, which parsers turn into a rejected record
// (its message is the rejection reason). Dates never throw: unparseable is null.

import type { FeedUser, Organization } from "../../domain/paper.js";

export type JsonObject = Record<string, unknown>;

export class FieldError extends Error {}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** "a string", "an array", "null", ... for rejection reasons. */
export function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  const t = typeof v;
  return t === "object" ? "an object" : `a ${t}`;
}

function wrongType(label: string, v: unknown, expected: string): FieldError {
  return new FieldError(`${label} is ${kindOf(v)}, expected ${expected}`);
}

export function optString(o: JsonObject, key: string, label = key): string | null {
  const v = o[key];
  if (v == null) return null;
  if (typeof v !== "string") throw wrongType(label, v, "a string");
  return v;
}

/** Like optString, but a blank string also reads as null. */
export function optText(o: JsonObject, key: string, label = key): string | null {
  const v = optString(o, key, label);
  return v === null || v.trim() === "" ? null : v.trim();
}

export function optNumber(o: JsonObject, key: string, label = key): number | null {
  const v = o[key];
  if (v == null) return null;
  if (typeof v !== "number" || !Number.isFinite(v)) throw wrongType(label, v, "a number");
  return v;
}

export function optObject(o: JsonObject, key: string, label = key): JsonObject | null {
  const v = o[key];
  if (v == null) return null;
  if (!isObject(v)) throw wrongType(label, v, "an object");
  return v;
}

/** A hub user object ({user | name, fullname, avatarUrl | avatar}); null when absent or nameless. */
export function optFeedUser(o: JsonObject, key: string, label = key): FeedUser | null {
  const u = optObject(o, key, label);
  if (!u) return null;
  const name = optText(u, "user", `${label}.user`) ?? optText(u, "name", `${label}.name`);
  if (!name) return null;
  const user: FeedUser = { name };
  const fullname = optText(u, "fullname", `${label}.fullname`);
  const avatarUrl = optText(u, "avatarUrl", `${label}.avatarUrl`) ?? optText(u, "avatar", `${label}.avatar`);
  if (fullname) user.fullname = fullname;
  if (avatarUrl) user.avatarUrl = avatarUrl;
  return user;
}

/** A hub organisation object ({name, fullname, avatar | avatarUrl}); null when absent or nameless. */
export function optOrganization(o: JsonObject, key: string, label = key): Organization | null {
  const org = optObject(o, key, label);
  if (!org) return null;
  const name = optText(org, "name", `${label}.name`);
  if (!name) return null;
  const result: Organization = { name };
  const fullname = optText(org, "fullname", `${label}.fullname`);
  const avatarUrl = optText(org, "avatar", `${label}.avatar`) ?? optText(org, "avatarUrl", `${label}.avatarUrl`);
  if (fullname) result.fullname = fullname;
  if (avatarUrl) result.avatarUrl = avatarUrl;
  return result;
}

export function optArray(o: JsonObject, key: string, label = key): unknown[] | null {
  const v = o[key];
  if (v == null) return null;
  if (!Array.isArray(v)) throw wrongType(label, v, "an array");
  return v;
}

export function optStringArray(o: JsonObject, key: string, label = key): string[] | null {
  const arr = optArray(o, key, label);
  if (arr === null) return null;
  for (let i = 0; i < arr.length; i++) {
    if (typeof arr[i] !== "string") throw wrongType(`${label}[${i}]`, arr[i], "a string");
  }
  return arr as string[];
}

/** The first of `keys` that is present (not null/undefined), or undefined. */
export function firstKey(o: JsonObject, keys: readonly string[]): string | undefined {
  for (const k of keys) if (o[k] != null) return k;
  return undefined;
}

const PARENS = /\([^()]*\)/g;
const AUTHOR_SEPARATOR = /\s*,\s*(?:and\s+)?|\s+and\s+|\s*;\s*/;

/**
 * Splits a free-form author string ("A. Smith, B. Jones and C. Wu", or with
 * semicolons) into names, dropping parenthesised affiliation markers. arXiv's
 * own lists go through parseArxivAuthors, which keeps the affiliations.
 */
export function splitNameList(s: string): string[] {
  let text = s;
  for (let prev = ""; prev !== text; ) {
    prev = text;
    text = text.replace(PARENS, " ");
  }
  return text
    .replace(/\s+/g, " ")
    .split(AUTHOR_SEPARATOR)
    .map((n) => n.trim())
    .filter((n) => n !== "");
}

// A run of two or more whitespace characters, or one that is not a plain space.
const MESSY_SPACE = /\s{2,}|[^\S ]/g;

/**
 * Same result as cleanText (domain/title.ts), but cheaper on long texts: the
 * single spaces between words, the vast majority, are left alone instead of
 * each being matched and replaced. Used on the Kaggle hot path.
 */
export function collapseSpace(text: string): string {
  return text.replace(MESSY_SPACE, " ").trim();
}

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};
// 2024-03-19, 2024-03-19T10:00:00(.123)(Z|+01:00); a zone-less time is taken as UTC.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
// RFC 2822 as in arXiv/Kaggle ("Mon, 2 Apr 2007 19:18:42 GMT") and "19 March 2024".
const DAY_MONTH_YEAR = /^(?:[a-z]{3},?\s+)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?)?\s*(GMT|UTC|Z|[+-]\d{4})?$/i;
// "Mar 19, 2024", "March 19 2024".
const MONTH_DAY_YEAR = /^([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i;
const YEAR_MONTH_DAY_SLASH = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0, offsetMin = 0): string | null {
  if (mo < 0 || mo > 11 || d < 1 || d > DAYS_IN_MONTH[mo]! || h > 23 || mi > 59 || s > 59) return null;
  // Feb 29 only in leap years (the one rollover the table above lets through).
  if (mo === 1 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return null;
  return new Date(Date.UTC(y, mo, d, h, mi, s, ms) - offsetMin * 60_000).toISOString();
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || /^(?:z|gmt|utc)$/i.test(zone)) return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/**
 * Parses the date spellings met in paper metadata into an ISO UTC timestamp:
 * ISO 8601, RFC 2822, "Mar 19, 2024", "19 March 2024", "2024/03/19", and
 * epoch numbers (seconds below 1e11, else milliseconds). Date-only forms
 * mean midnight UTC. Anything else, including dates without a year, is null.
 */
export function parseDate(value: unknown): string | null {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    const d = new Date(value < 1e11 ? value * 1000 : value);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  if (typeof value !== "string") return null;
  const s = value.trim();
  let m = ISO.exec(s);
  if (m) {
    const ms = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
    return utc(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), ms, offsetMinutes(m[8]));
  }
  m = DAY_MONTH_YEAR.exec(s);
  if (m) {
    const mo = MONTHS[m[2]!.toLowerCase()];
    if (mo === undefined) return null;
    return utc(+m[3]!, mo, +m[1]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), 0, offsetMinutes(m[7]));
  }
  m = MONTH_DAY_YEAR.exec(s);
  if (m) {
    const mo = MONTHS[m[1]!.toLowerCase()];
    return mo === undefined ? null : utc(+m[3]!, mo, +m[2]!);
  }
  m = YEAR_MONTH_DAY_SLASH.exec(s);
  if (m) return utc(+m[1]!, +m[2]! - 1, +m[3]!);
  return null;
}

/** Month index (0-11) for a three-letter English month abbreviation, or undefined. */
export function monthIndex(abbrev: string): number | undefined {
  return MONTHS[abbrev.slice(0, 3).toLowerCase()];
}

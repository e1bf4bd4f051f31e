// Ids for comments and log entries: random, URL-safe, and revealing nothing about how many rows exist.
import { randomBytes } from "node:crypto";

/** 96 random bits, 16 URL-safe characters: collisions are out of reach for any hub's lifetime. */
export const newId = (): string => randomBytes(12).toString("base64url");

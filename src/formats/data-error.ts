// One shape for every error about a data file, so a user always sees the
// file, the position inside it, what was expected and what was found.

import {
  EpisodeSamplerError,
  type ErrorCodeValue,
  type ErrorLocation,
} from "../errors.js";

/**
 * Builds an error whose message reads
 * `FILE, POSITION: expected X but found Y; HINT`.
 */
export function dataError(
  code: ErrorCodeValue,
  location: ErrorLocation,
  expected: string,
  found: string,
  hint?: string,
): EpisodeSamplerError {
  const where = location.position
    ? `${location.file}, ${location.position}`
    : location.file;
  const next = hint === undefined ? "" : `; ${hint}`;
  return new EpisodeSamplerError(
    code,
    `${where}: expected ${expected} but found ${found}${next}`,
    location,
  );
}

/** Returns a location at a byte offset of `file`. */
export function atByte(file: string, offset: number): ErrorLocation {
  return { file, position: `byte ${offset}` };
}

/** Quotes a text found in a file for a message, cut to 40 characters. */
export function quote(text: string): string {
  const cut = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  return JSON.stringify(cut);
}

// Argument parsers and options shared by several commands. Parsers throw
// commander's InvalidArgumentError, which names the flag and the value.

import { InvalidArgumentError, Option } from "commander";
import { SPLITS } from "../mnist.js";

/** Parses a whole number in [min, max]. */
export function parseInteger(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (text: string): number => {
    const value = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      const range =
        max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
      throw new InvalidArgumentError(`Expected a whole number ${range}.`);
    }
    return value;
  };
}

/** Parses `5` or `1..10` into a ways option. */
export function parseWays(text: string): number | [number, number] {
  const match = /^\s*(\d+)\s*(?:\.\.\s*(\d+)\s*)?$/.exec(text);
  if (!match) {
    throw new InvalidArgumentError(
      "Expected a number of ways such as 5, or a range such as 1..10.",
    );
  }
  const min = Number(match[1]);
  return match[2] === undefined ? min : [min, Number(match[2])];
}

/** Parses a comma-separated label list such as `3,7`. */
export function parseLabelList(text: string): number[] {
  const parts = text.split(",").map((part) => part.trim());
  if (parts.some((part) => !/^\d+$/.test(part))) {
    throw new InvalidArgumentError(
      "Expected comma-separated labels such as 3,7.",
    );
  }
  return parts.map(Number);
}

/** Options that choose the dataset, shared by every command that reads one. */
export function datasetOptions(): Option[] {
  return [
    new Option(
      "--data <dir>",
      "folder with the four MNIST IDX files, plain or .gz (default: the MNIST shipped with the package)",
    ),
    new Option(
      "--split <split>",
      "part of the dataset; all = train rows then test rows",
    )
      .choices(SPLITS)
      .default("train"),
  ];
}

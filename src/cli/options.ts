// Argument parsers and options shared by several commands. Parsers throw
// commander's InvalidArgumentError, which names the flag and the value.

import { InvalidArgumentError, Option } from "commander";
import { DATA_FORMATS } from "../formats/detect.js";
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

/**
 * Parses a comma-separated label list such as `3,7` or `cat,dog`. Labels
 * are matched against the dataset's label names once it is loaded.
 */
export function parseLabelList(text: string): string[] {
  const parts = text.split(",").map((part) => part.trim());
  if (parts.some((part) => part === "")) {
    throw new InvalidArgumentError(
      "Expected comma-separated labels such as 3,7 or cat,dog, with no empty entry.",
    );
  }
  return parts;
}

/** Parses a non-empty array name or column name. */
function parseName(text: string): string {
  if (text.trim() === "") {
    throw new InvalidArgumentError("Expected a non-empty name.");
  }
  return text;
}

/** Options that choose the dataset, shared by every command that reads one. */
export function datasetOptions(): Option[] {
  return [
    new Option(
      "--data <path>",
      "dataset: IDX folder, .npz, .npy folder, .csv or PNG folder per label (default: the MNIST shipped with the package)",
    ),
    new Option(
      "--data-format <format>",
      "format of --data (default: detected from the content)",
    ).choices(DATA_FORMATS),
    new Option(
      "--split <split>",
      "part of an IDX or Keras-style NPZ dataset; all = train rows then test rows (default: train)",
    ).choices(SPLITS),
    new Option(
      "--images-key <name>",
      "image array of an NPZ archive or .npy folder (default: x_train/x_test or images)",
    ).argParser(parseName),
    new Option(
      "--labels-key <name>",
      "label array of an NPZ archive or .npy folder (default: y_train/y_test or labels)",
    ).argParser(parseName),
    new Option(
      "--label-column <name|index>",
      "CSV label column: a header name or a 0-based index (default: the first column)",
    ).argParser(parseName),
  ];
}

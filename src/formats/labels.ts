// Label values as they appear in files (numbers with gaps, or names) become
// the dense ids 0..L-1 the sampler needs. The original values are kept as
// label names so that a user can see what each id means.

/** Labels as dense ids, with the original value of each id. */
export interface DenseLabels {
  /** Id of every row, in `0 .. labelNames.length - 1`. */
  readonly labels: Int32Array;
  /** Original value of each id, in ascending order. */
  readonly labelNames: readonly string[];
}

const INTEGER_TEXT = /^-?\d+$/;

/**
 * Sorts label names: numerically when every name is an integer (so "10"
 * follows "9"), otherwise by UTF-16 code unit, which does not depend on the
 * locale.
 */
export function sortLabelNames(names: Iterable<string>): string[] {
  const list = [...new Set(names)];
  const byCodeUnit = (a: string, b: string) => {
    if (a === b) return 0;
    return a < b ? -1 : 1;
  };
  if (list.every((name) => INTEGER_TEXT.test(name))) {
    return list.sort((a, b) => Number(a) - Number(b) || byCodeUnit(a, b));
  }
  return list.sort(byCodeUnit);
}

/**
 * Maps numeric label values to ids in ascending order of value. Values
 * listed in `alsoPresent` (such as labels of another split) get ids too, so
 * that ids agree across the splits of one dataset.
 */
export function denseNumericLabels(
  values: ArrayLike<number>,
  alsoPresent: Iterable<number> = [],
): DenseLabels {
  const distinct = new Set<number>(alsoPresent);
  for (let row = 0; row < values.length; row++) distinct.add(values[row]!);
  const sorted = [...distinct].sort((a, b) => a - b);
  const idOf = new Map(sorted.map((value, id) => [value, id]));
  const labels = new Int32Array(values.length);
  for (let row = 0; row < values.length; row++) {
    labels[row] = idOf.get(values[row]!)!;
  }
  return { labels, labelNames: sorted.map(String) };
}

/**
 * Maps label names to ids in the order of {@link sortLabelNames}. Names in
 * `alsoPresent` get ids even when no row has them (an empty label folder).
 */
export function denseNamedLabels(
  values: readonly string[],
  alsoPresent: Iterable<string> = [],
): DenseLabels {
  const sorted = sortLabelNames([...alsoPresent, ...values]);
  const idOf = new Map(sorted.map((name, id) => [name, id]));
  const labels = Int32Array.from(values, (name) => idOf.get(name)!);
  return { labels, labelNames: sorted };
}

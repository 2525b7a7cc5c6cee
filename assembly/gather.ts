// Row gathers: copy the dataset rows named by an i32 index list into one
// contiguous output, as bytes or as f32(byte) / 255. These loops write every
// output byte of a batch, so they decide the engine's speed.
//
// The float32 conversion must give the same bits as JavaScript's
// `byte / 255` in src/engine-js.ts. A true division does: every byte is
// exact in f32, and an IEEE division rounds the quotient once, in scalar and
// in SIMD lanes alike. A float32 multiply by f32(1 / 255) rounds twice and
// gives other bits for 126 of the 256 byte values, so it is not used.
//
// ASC_FEATURE_SIMD is a compile-time constant. The `release` target builds
// with `--enable simd` and converts 16 bytes per step. The `release-scalar`
// target builds without it, for hosts that lack SIMD, and src/wasm.ts picks
// one of the two at load.

/** Byte width of one SIMD step: one v128 of u8 input. */
const SIMD_BYTES: usize = 16;

// @ts-ignore: decorator
@inline
function readRow(rows: usize, index: i32): i32 {
  return load<i32>(rows + (<usize>index << 2));
}

/**
 * Copies `count` rows of `rowBytes` bytes, chosen by the i32 row indices at
 * `rows`, into one contiguous buffer; a row index of -1 writes zeros.
 */
export function gatherU8(images: usize, rowBytes: i32, rows: usize, count: i32, out: usize): void {
  let size = <usize>rowBytes;
  for (let i = 0; i < count; i++) {
    let row = readRow(rows, i);
    let target = out + <usize>i * size;
    if (row < 0) memory.fill(target, 0, size);
    else memory.copy(target, images + <usize>row * size, size);
  }
}

/** Bytes of the staging buffer that gatherF32 copies source rows into. */
const STAGING_BYTES: usize = 16384;

// A static region, so staging never allocates, and 16 KiB fits in the L1
// data cache of current x86 and Arm cores.
const staging: usize = memory.data(<i32>STAGING_BYTES, 16);

/**
 * Like gatherU8, but writes each byte as f32(byte) / 255.
 *
 * Converting straight from scattered dataset rows stalls on each row's
 * first cache misses. So runs of real rows are first copied with
 * memory.copy, which V8 runs as memmove, into a small staging buffer, and
 * then converted in one sequential sweep. Consecutive rows have consecutive
 * targets, so a run converts as one block. On MNIST this measured about 15%
 * faster than the direct loop (bench/, AMD EPYC, Node 20).
 */
export function gatherF32(images: usize, rowBytes: i32, rows: usize, count: i32, out: usize): void {
  gatherF32Staged(images, rowBytes, rows, count, out, staging);
}

/**
 * gatherF32 with a caller-given staging buffer of STAGING_BYTES bytes, for
 * instances that share one memory and so cannot share the static one.
 */
export function gatherF32Staged(
  images: usize,
  rowBytes: i32,
  rows: usize,
  count: i32,
  out: usize,
  staging: usize,
): void {
  let size = <usize>rowBytes;
  let runLimit = <i32>(STAGING_BYTES / size);
  if (runLimit < 1) {
    gatherF32Direct(images, size, rows, count, out);
    return;
  }
  let i = 0;
  while (i < count) {
    let target = out + ((<usize>i * size) << 2);
    if (readRow(rows, i) < 0) {
      memory.fill(target, 0, size << 2);
      i++;
      continue;
    }

    // Stage a run of up to runLimit real rows, then convert it.
    let run = 0;
    while (run < runLimit && i + run < count) {
      let row = readRow(rows, i + run);
      if (row < 0) break;
      memory.copy(staging + <usize>run * size, images + <usize>row * size, size);
      run++;
    }
    convertRow(staging, target, <usize>run * size);
    i += run;
  }
}

/** gatherF32 for rows larger than the staging buffer: convert in place. */
function gatherF32Direct(images: usize, size: usize, rows: usize, count: i32, out: usize): void {
  for (let i = 0; i < count; i++) {
    let row = readRow(rows, i);
    let target = out + ((<usize>i * size) << 2);
    if (row < 0) memory.fill(target, 0, size << 2);
    else convertRow(images + <usize>row * size, target, size);
  }
}

/** Writes `size` bytes at `source` as f32(byte) / 255 at `target`. */
// @ts-ignore: decorator
@inline
function convertRow(source: usize, target: usize, size: usize): void {
  let b: usize = 0;
  if (ASC_FEATURE_SIMD) {
    let divisor = f32x4.splat(255.0);
    let vectorEnd = size & ~(SIMD_BYTES - 1);
    for (; b < vectorEnd; b += SIMD_BYTES) {
      convertChunk(source + b, target + (b << 2), divisor);
    }
  }
  // The scalar build does the whole row here; the SIMD build its tail.
  for (; b < size; b++) {
    store<f32>(target + (b << 2), <f32>load<u8>(source + b) / 255.0);
  }
}

/**
 * Converts 16 bytes to 16 f32 quotients: widen u8 -> u16 -> u32 -> f32. The
 * signed i32 -> f32 conversion is exact for 0..255 and is one x86
 * instruction, where V8 emulates the unsigned one with several.
 */
// @ts-ignore: decorator
@inline
function convertChunk(source: usize, target: usize, divisor: v128): void {
  let bytes = v128.load(source);
  let low = i16x8.extend_low_i8x16_u(bytes);
  let high = i16x8.extend_high_i8x16_u(bytes);
  let q0 = f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(low));
  let q1 = f32x4.convert_i32x4_s(i32x4.extend_high_i16x8_u(low));
  let q2 = f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(high));
  let q3 = f32x4.convert_i32x4_s(i32x4.extend_high_i16x8_u(high));
  v128.store(target, f32x4.div(q0, divisor));
  v128.store(target, f32x4.div(q1, divisor), 16);
  v128.store(target, f32x4.div(q2, divisor), 32);
  v128.store(target, f32x4.div(q3, divisor), 48);
}

/** Bytes the staging buffer of gatherF32Staged needs. */
export const GATHER_STAGING_BYTES: i32 = <i32>STAGING_BYTES;

/** Exported so the host can tell which build it loaded; 1 when SIMD. */
export function simdBuild(): i32 {
  return ASC_FEATURE_SIMD ? 1 : 0;
}

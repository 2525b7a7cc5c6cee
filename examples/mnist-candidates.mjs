// Trains a small candidate-conditioned classifier on MNIST episodes and
// reports its accuracy on held-out test episodes with the candidate mask
// given and without it. The model takes the query image and the episode's
// candidate mask (the multi-hot `candidates` array), and its logits outside
// the mask are pushed to -1e9, so it predicts one of the candidates.
// It runs on TensorFlow.js's pure-JavaScript CPU backend: no native build.
//
// Run from the repository root after `npm ci`:
//   cd examples && npm ci && npm run candidates
// Optional arguments: training steps (default 800) and test episodes
// (default 2000), e.g. `node mnist-candidates.mjs 300 1000` for a quick run.

import * as tf from "@tensorflow/tfjs";
import { createSampler, loadMnist } from "episode-sampler";

const STEPS = Number(process.argv[2] ?? 800);
const TEST_EPISODES = Number(process.argv[3] ?? 2000);
const BATCH = 64;
const LABELS = 10;
const PIXELS = 28 * 28;
// Share of training examples that get an all-ones mask, so the same model
// also has a fair answer when no candidates are given.
const UNMASKED_SHARE = 0.25;

/** Episodes with 2 to 5 ways; only the query and the candidates are used. */
async function createEpisodes(split, seed) {
  const dataset = await loadMnist({ split });
  return createSampler({
    dataset,
    ways: [2, 5],
    shots: 1,
    queries: 1,
    dtype: "float32",
    seed,
  });
}

function buildModel() {
  const image = tf.input({ shape: [PIXELS] });
  const mask = tf.input({ shape: [LABELS] });
  const joined = tf.layers.concatenate().apply([image, mask]);
  const hidden = tf.layers
    .dense({
      units: 128,
      activation: "relu",
      kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
    })
    .apply(joined);
  const logits = tf.layers
    .dense({
      units: LABELS,
      kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
    })
    .apply(hidden);
  return tf.model({ inputs: [image, mask], outputs: logits });
}

/** Logits with every label outside the mask pushed out of reach. */
function maskedLogits(model, images, mask) {
  const logits = model.apply([images, mask]);
  return logits.add(mask.sub(1).mul(1e9));
}

/** A small seeded generator, so the unmasked share is the same every run. */
function createUniform(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function batchTensors(batch, dropMask) {
  const count = batch.count;
  const mask = Float32Array.from(batch.candidates);
  for (let e = 0; e < count; e++) {
    if (dropMask(e)) mask.fill(1, e * LABELS, (e + 1) * LABELS);
  }
  return {
    images: tf.tensor2d(batch.queryImages, [count, PIXELS]),
    mask: tf.tensor2d(mask, [count, LABELS]),
    labels: tf.oneHot(tf.tensor1d(batch.queryLabels, "int32"), LABELS),
  };
}

async function train(model, sampler) {
  const optimizer = tf.train.adam(1e-3);
  const uniform = createUniform(7);
  for (let step = 0; step < STEPS; step++) {
    const batch = sampler.sample(BATCH, { start: step * BATCH });
    const { images, mask, labels } = batchTensors(
      batch,
      () => uniform() < UNMASKED_SHARE,
    );
    const loss = optimizer.minimize(
      () =>
        tf.losses.softmaxCrossEntropy(
          labels,
          maskedLogits(model, images, mask),
        ),
      true,
    );
    if ((step + 1) % 200 === 0) {
      console.log(
        `step ${step + 1}/${STEPS}  loss ${(await loss.data())[0].toFixed(3)}`,
      );
    }
    tf.dispose([images, mask, labels, loss]);
  }
}

/** Accuracy with each episode's mask, and with an all-ones mask. */
async function evaluate(model, sampler) {
  let withMask = 0;
  let withoutMask = 0;
  for (let done = 0; done < TEST_EPISODES; done += 500) {
    const batch = sampler.sample(Math.min(500, TEST_EPISODES - done), {
      start: done,
    });
    const [masked, unmasked] = tf.tidy(() => {
      const given = batchTensors(batch, () => false);
      const none = batchTensors(batch, () => true);
      const truth = tf.tensor1d(batch.queryLabels, "int32");
      const hits = (tensors) =>
        maskedLogits(model, tensors.images, tensors.mask)
          .argMax(1)
          .equal(truth)
          .sum();
      return [hits(given), hits(none)];
    });
    withMask += (await masked.data())[0];
    withoutMask += (await unmasked.data())[0];
    tf.dispose([masked, unmasked]);
  }
  return [withMask / TEST_EPISODES, withoutMask / TEST_EPISODES];
}

await tf.setBackend("cpu");
const started = performance.now();
const model = buildModel();
await train(model, await createEpisodes("train", 1));
const [withMask, withoutMask] = await evaluate(
  model,
  await createEpisodes("test", 2),
);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`test episodes: ${TEST_EPISODES} (2 to 5 ways, MNIST test split)`);
console.log(
  `accuracy with the candidate mask:    ${(100 * withMask).toFixed(2)}%`,
);
console.log(
  `accuracy without it (all 10 labels): ${(100 * withoutMask).toFixed(2)}%`,
);
console.log(`time: ${seconds} s on the tfjs cpu backend`);

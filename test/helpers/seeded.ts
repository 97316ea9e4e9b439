/**
 * A seeded pseudo-random generator (mulberry32) for tests that pick kill points or fuzz inputs: the
 * seed comes from `ALISMS_TEST_SEED` or is drawn at random, and tests print it on failure so a
 * failing run can be replayed exactly.
 *
 * @example
 * const rng = seededRandom(); // rng.seed is printed in assertion messages
 * const killAt = 1 + Math.floor(rng.next() * 50);
 */
export function seededRandom(seed: number = defaultSeed()): { seed: number; next(): number } {
  // Printed when drawn, not only on failure: a run that hangs still shows the seed to replay it with.
  process.stderr.write(`# seededRandom: seed ${seed} (replay with ALISMS_TEST_SEED=${seed})\n`);
  let a = seed >>> 0;
  return {
    seed,
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

function defaultSeed(): number {
  const fromEnv = Number(process.env.ALISMS_TEST_SEED);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Math.floor(Math.random() * 2 ** 31);
}

// Preloaded into a waform process by the end-to-end tests (`NODE_OPTIONS=--import <this file>`) to
// move its clock forward: Date.now() reads real time plus WAFORM_TEST_CLOCK_SHIFT_MS, exactly as the
// test's sandbox clock (real time plus an offset) reads after `advance`. So the CLI and the sandbox
// agree on a day that has not passed yet — an edit quota freeing up, say. Test-only: the CLI has no
// clock option of its own.
const shift = Number(process.env.WAFORM_TEST_CLOCK_SHIFT_MS ?? "0");
if (Number.isFinite(shift) && shift !== 0) {
  const real = Date.now;
  Date.now = () => real() + shift;
}

/**
 * Loaded right after ts-node (see .mocharc.js). The Pulumi SDK captures and formats a stack trace for every promise
 * and resource it creates (runtime/debuggable.js debuggablePromise keeps `new Error().stack` to print beside a leaked
 * promise; Resource.callsites reads the source position the engine shows). Under the mocks nothing reads them, and
 * they cost most of a program run:
 * - ts-node installs source-map-support, which maps every trace through the source maps as it is formatted (it
 *   tripled the program tests' time): V8's own formatting is restored here;
 * - even V8's formatting of its default 10 frames was half of what remained (the sample program: about 820 ms of CPU
 *   per run with 10 frames, 510 with 2, 390 with none): tests capture no frames.
 * A failing test then shows its title, message and diff without a stack. To trace one, run it with
 * `TEST_STACK_TRACES=1` (V8's 10 frames) and, for TypeScript positions, `TEST_SOURCE_MAPS=1` as well.
 */
if (process.env.TEST_SOURCE_MAPS !== "1") {
  delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
}
if (process.env.TEST_STACK_TRACES !== "1") {
  Error.stackTraceLimit = 0;
}

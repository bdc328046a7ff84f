/**
 * Loaded right after ts-node (see .mocharc.js). ts-node installs source-map-support, which maps every stack
 * trace through the source maps as soon as it is formatted; the Pulumi SDK formats one for every promise and
 * resource it creates (runtime/debuggable.js, Resource.callsites), which made the program tests three times
 * slower. V8's own formatting is restored here; set TEST_SOURCE_MAPS=1 to get TypeScript positions in a
 * failing test's stack trace (transpile-only keeps most lines where they are anyway).
 */
if (process.env.TEST_SOURCE_MAPS !== "1") {
  delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
}

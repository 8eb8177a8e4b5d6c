// cdktf records where every token and output reference was created (a full stack trace of unlimited
// depth, formatted at once) for the message of a failed resolution. Under jest, source-map-support
// rewrites every frame of every such trace through source maps: half of the time of a test that builds a
// cluster. Traces captured onto plain objects (cdktf's and constructs' creation stacks) are formatted
// natively here, with the line and column of the JavaScript that ran; errors keep their mapped traces.
const mapFrames = Error.prepareStackTrace;
if (mapFrames) {
  Error.prepareStackTrace = function prepareStackTrace(target, frames) {
    const isError = target instanceof Error || Object.prototype.toString.call(target) === '[object Error]';
    return isError ? mapFrames(target, frames) : `Error${frames.map((frame) => `\n    at ${frame}`).join('')}`;
  };
}

// cdktf and constructs capture every creation stack at full depth: they raise Error.stackTraceLimit to
// Number.MAX_SAFE_INTEGER around each capture, and under jest a stack is dozens of frames deep, so the
// captures were about 40% of the CPU time of the construct tests. Those stacks only appear in the message
// of a failed token resolution, where the innermost frames tell where the token was made: in the tests,
// such captures keep the innermost CREATION_STACK_FRAMES frames. Other captures (errors, other tools) are
// left as they are.
const CREATION_STACK_FRAMES = 3;
const captureStackTrace = Error.captureStackTrace;
Error.captureStackTrace = function captureCreationStack(target, below) {
  if (Error.stackTraceLimit !== Number.MAX_SAFE_INTEGER) return captureStackTrace(target, below);
  Error.stackTraceLimit = CREATION_STACK_FRAMES;
  try {
    return captureStackTrace(target, below);
  } finally {
    Error.stackTraceLimit = Number.MAX_SAFE_INTEGER;
  }
};

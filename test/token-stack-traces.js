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
